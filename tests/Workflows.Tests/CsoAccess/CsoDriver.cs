using Workflows.Approvals;
using Workflows.CsoAccess;
using Workflows.Tests.Support;

namespace Workflows.Tests.CsoAccess;

/// <summary>Drives a CSO application and its permit as the seeded central reviewers, director and focal point would.</summary>
public sealed class CsoDriver(DomainHost host)
{
    public static readonly string[] Reviewers = ["legal.central", "programmereview.central", "natsec.central", "dpo.central"];

    public const string FocalPoint = "focalpoint.cso-bridge";

    public string CaseId { get; private set; } = string.Empty;

    public string InstanceId { get; private set; } = string.Empty;

    public CsoAccessService Service => host.Service<CsoAccessService>();

    public static CsoAccessRequest Application(bool faith = false, bool interAgency = false) => new()
    {
        OrganisationId = "cso-bridge",
        RegistrationNumber = "NGO-123",
        ProgrammeDescription = "Mentoring and vocational training.",
        TargetGroup = "Adult men in the disengagement programme.",
        StaffIds = ["staff1.cso-bridge", "staff2.cso-bridge"],
        FacilityIds = ["almaty"],
        FaithBasedContent = faith,
        InterAgencyDecision = interAgency,
        SafeguardingPolicyProvided = true,
        DataHandlingPlanProvided = true,
        CodeOfConductAccepted = true,
    };

    public async Task ApplyAsync(CsoAccessRequest? request = null)
    {
        var result = await Service.StartApplicationAsync(request ?? Application(), host.Actor(FocalPoint));
        Assert.Equal(IntakeStatus.Started, result.Status);
        (CaseId, InstanceId) = (result.CaseId!, result.InstanceId!);
        await host.Host.RunUntilIdleAsync();
    }

    public Task CompleteAsync() => host.DecideAllAsync(CaseId, "partnerships.central");

    public async Task ReviewAllAsync()
    {
        await CompleteAsync();
        foreach (var reviewer in Reviewers)
        {
            await host.DecideAllAsync(CaseId, reviewer);
        }
    }

    /// <summary>Applies, reviews, grants and onboards: the permit runs.</summary>
    public async Task GrantAsync(CsoAccessRequest? request = null)
    {
        await ApplyAsync(request);
        await ReviewAllAsync();
        await host.DecideAllAsync(CaseId, "headcentral.central");
        await host.DecideAllAsync(CaseId, "director.almaty");
        Assert.Equal("permit", (await host.StatusAsync(InstanceId)).Step);
    }

    public async Task<DecisionResult> SuspendAsync(string director = "director.almaty")
    {
        var result = await Service.SuspendAsync(CaseId, "almaty", "Contraband incident.", host.Actor(director));
        await host.Host.RunUntilIdleAsync();
        return result;
    }

    public async Task RequestStaffAsync(string staffId)
    {
        Assert.Equal(DecisionStatus.Recorded, (await Service.RequestStaffAdditionAsync(CaseId, staffId, host.Actor(FocalPoint))).Status);
        await host.Host.RunUntilIdleAsync();
    }

    public async Task RequestRenewalAsync()
    {
        Assert.Equal(DecisionStatus.Recorded, (await Service.RequestRenewalAsync(CaseId, host.Actor(FocalPoint))).Status);
        await host.Host.RunUntilIdleAsync();
    }

    public async Task<string?> StatusAsync() => (await host.Cases.GetAsync(CaseId))!.Status;

    public async Task<string?> OutcomeAsync() => (await host.Host.GetOutputAsync<WorkflowResult>(InstanceId))?.Outcome;

    public Task<IntakeResult> VisitAsync(DateTimeOffset at, bool emergency = false, string requester = FocalPoint) =>
        Service.RequestVisitAsync(CaseId, new CsoVisitRequest { FacilityId = "almaty", VisitAt = at, StaffIds = ["staff1.cso-bridge"], Emergency = emergency }, host.Actor(requester));

    /// <summary>The permit as its case section stands.</summary>
    public async Task<PermitRecord> PermitAsync() => PermitRecord.From(await host.Cases.ReadSectionsAsync(CaseId))!;
}
