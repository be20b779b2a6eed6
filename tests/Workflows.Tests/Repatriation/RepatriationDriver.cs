using Microsoft.Extensions.DependencyInjection;
using Workflows.Approvals;
using Workflows.Policies;
using Workflows.Repatriation;
using Workflows.Tests.Support;

namespace Workflows.Tests.Repatriation;

/// <summary>
/// Drives a household through repatriation as the seeded central services and the Aktau centre would. The
/// default household: m1, a mother with a warrant whose DNA is used; c1, her child born abroad whose father
/// abroad must consent; c2, a child travelling without a parent.
/// </summary>
public sealed class RepatriationDriver(DomainHost host)
{
    public const string Consular = "consular.central";

    /// <summary>The reason codes a deployment gives repatriation (the default policy has none, and a veto needs one).</summary>
    public static readonly string[] ReasonCodes = ["security-concern", "identity-not-established", "document-fraud", "medical-not-cleared", "child-protection-concern"];

    /// <summary>A host whose policy adds <see cref="ReasonCodes"/> to the repatriation workflow, as a deployment's policy file would.</summary>
    public static DomainHost HostWithReasonCodes()
    {
        var file = Path.Combine(Path.GetTempPath(), $"repatriation-reasons-{Guid.NewGuid():N}.json");
        File.WriteAllText(file, System.Text.Json.JsonSerializer.Serialize(new { workflows = new { repatriation = new { reasonCodes = ReasonCodes } } }));
        var policies = PolicySet.LoadDefault(file);
        File.Delete(file);
        return DomainHost.Create(services => services.AddSingleton<IPolicyProvider>(policies));
    }

    public string CaseId { get; private set; } = string.Empty;

    public string InstanceId { get; private set; } = string.Empty;

    public RepatriationService Service => host.Service<RepatriationService>();

    public static HouseholdRequest Household(params HouseholdMember[] members) => new()
    {
        CentreId = "aktau",
        ConsularListRef = "LIST-2026-04",
        Members = members.Length > 0 ? members :
        [
            new HouseholdMember { MemberRef = "m1", Adult = true, HasWarrant = true, NeedsDnaConsent = true, DateOfBirth = new DateOnly(1995, 4, 2), Sex = "female" },
            new HouseholdMember { MemberRef = "c1", BornAbroad = true, NeedsParentConsent = true, ParentRef = "m1" },
            new HouseholdMember { MemberRef = "c2" },
        ],
    };

    public async Task StartAsync(HouseholdRequest? request = null)
    {
        var result = await Service.StartHouseholdAsync(request ?? Household(), host.Actor(Consular));
        Assert.Equal(IntakeStatus.Started, result.Status);
        (CaseId, InstanceId) = (result.CaseId!, result.InstanceId!);
        await host.Host.RunUntilIdleAsync();
    }

    public async Task ConsentAsync(string consentId, bool given = true)
    {
        Assert.Equal(DecisionStatus.Recorded, (await Service.RecordConsentAsync(CaseId, consentId, given, host.Actor(Consular))).Status);
        await host.Host.RunUntilIdleAsync();
    }

    /// <summary>Verified, every consent given, cleared, on the manifest: waiting for the arrival.</summary>
    public async Task ToArrivalAsync(HouseholdRequest? request = null)
    {
        await StartAsync(request);
        await host.ApproveAllOpenAsync(CaseId);
        foreach (var member in (request ?? Household()).Members!)
        {
            if (member.NeedsParentConsent)
            {
                await ConsentAsync("parent:" + member.MemberRef);
            }

            if (member.NeedsDnaConsent)
            {
                await ConsentAsync("dna:" + member.MemberRef);
            }
        }

        await host.ApproveAllOpenAsync(CaseId);
        Assert.Equal("arrival", (await host.StatusAsync(InstanceId)).Step);
    }

    public async Task ArriveAsync(HouseholdRequest? request = null)
    {
        await ToArrivalAsync(request);
        Assert.Equal(DecisionStatus.Recorded, (await Service.RecordArrivalAsync(CaseId, host.Actor("centredirector.aktau"))).Status);
        await host.Host.RunUntilIdleAsync();
    }

    public async Task AgreeFamilyAsync(string childRef, bool agreed = true)
    {
        Assert.Equal(DecisionStatus.Recorded, (await Service.RecordFamilyAgreementAsync(CaseId, childRef, agreed, host.Actor("socialworker.aktau"))).Status);
        await host.Host.RunUntilIdleAsync();
    }

    public string ChildInstance(string childRef) => RepatriationOrchestration.ChildInstanceId(InstanceId, childRef);

    public async Task<string?> OutcomeAsync() => (await host.Host.GetOutputAsync<WorkflowResult>(InstanceId))?.Outcome;

    public async Task<System.Text.Json.JsonElement?> SectionAsync(string name) =>
        (await host.Cases.ReadSectionsAsync(CaseId)).FirstOrDefault(s => s.Name == name)?.Data;

    public async Task<Workflows.Cases.DataTier?> TierAsync(string name) =>
        (await host.Cases.ReadSectionsAsync(CaseId)).FirstOrDefault(s => s.Name == name)?.Tier;
}
