using Microsoft.Extensions.DependencyInjection;
using Workflows.Approvals;
using Workflows.Policies;
using Workflows.Referrals;
using Workflows.Tests.Support;

namespace Workflows.Tests.Referrals;

/// <summary>
/// Step 6: the case conference agrees the plan with all core members (the default) or, where a deployment's
/// policy file says so, by majority with the dissent recorded.
/// </summary>
public sealed class ReferralCaseConferenceTests : IAsyncDisposable
{
    private readonly string _policyFile = Path.Combine(Path.GetTempPath(), $"majority-{Guid.NewGuid():N}.json");
    private DomainHost? _host;

    public async ValueTask DisposeAsync()
    {
        if (_host is not null)
        {
            await _host.DisposeAsync();
        }

        File.Delete(_policyFile);
    }

    private async Task<(DomainHost Host, ReferralDriver Referral)> AtTheConferenceAsync(string? policyOverride = null)
    {
        if (policyOverride is not null)
        {
            await File.WriteAllTextAsync(_policyFile, policyOverride);
        }

        _host = DomainHost.Create(services =>
        {
            if (policyOverride is not null)
            {
                services.AddSingleton<IPolicyProvider>(PolicySet.LoadDefault(_policyFile));
            }
        });
        var referral = new ReferralDriver(_host);
        await referral.SubmitAsync();
        await referral.ApproveEligibilityAsync();
        await referral.AssessAsync();
        await referral.ClearSecurityAsync();
        await referral.ConsentAsync();
        Assert.Equal(5, (await _host.OpenTasksAsync(referral.CaseId, "caseConference")).Count);
        return (_host, referral);
    }

    [Fact]
    public async Task AllCoreMembers_ByDefault_OneDissentEndsWithThePlanNotAgreed()
    {
        var (host, referral) = await AtTheConferenceAsync();
        foreach (var member in new[] { "coordinator", "socialworker", "security", "education" })
        {
            await host.DecideOpenAsync(referral.CaseId, $"{member}.almaty", DecisionKind.Approve);
        }

        await host.DecideOpenAsync(referral.CaseId, "psychologist.almaty", DecisionKind.Reject, "The plan has no trauma work.");

        Assert.Equal(ReferralOutcomes.PlanNotAgreed, await referral.OutcomeAsync());
    }

    [Fact]
    public async Task MajorityOption_AgreesThePlanWithThreeOfFive_AndRecordsTheDissent()
    {
        var (host, referral) = await AtTheConferenceAsync("""{ "workflows": { "referral": { "steps": { "caseConference": { "mode": "Majority" } } } } }""");

        await host.DecideOpenAsync(referral.CaseId, "psychologist.almaty", DecisionKind.Reject, "The plan has no trauma work.", ["risk-too-high-for-group-setting"]);
        await host.DecideOpenAsync(referral.CaseId, "coordinator.almaty", DecisionKind.Approve);
        await host.DecideOpenAsync(referral.CaseId, "socialworker.almaty", DecisionKind.Approve);
        Assert.Equal("caseConference", await referral.StepAsync());
        await host.DecideOpenAsync(referral.CaseId, "education.almaty", DecisionKind.Approve);

        Assert.Equal("placementDecision", await referral.StepAsync());
        var tasks = await host.Tasks.ListByCaseAsync(referral.CaseId);
        var dissenter = Assert.Single(tasks, t => t is { Step: "caseConference", AssigneeId: "psychologist.almaty" });
        Assert.Equal(ApprovalTaskStatus.Cancelled, Assert.Single(tasks, t => t is { Step: "caseConference", AssigneeId: "security.almaty" }).Status);
        var section = Assert.Single(await host.Cases.ReadSectionsAsync(referral.CaseId), s => s.Name == "caseConferenceDissent");
        var dissent = Assert.Single(section.Data.GetProperty("dissent").EnumerateArray().ToList());
        Assert.Equal(Roles.Psychologist, dissent.GetProperty("role").GetString());
        Assert.Equal("psychologist.almaty", dissent.GetProperty("actorId").GetString());
        Assert.Equal(dissenter.DecisionId, dissent.GetProperty("decisionId").GetString());
        Assert.Equal("risk-too-high-for-group-setting", Assert.Single(dissent.GetProperty("reasonCodes").EnumerateArray().ToList()).GetString());
        Assert.DoesNotContain("trauma", section.Data.GetRawText(), StringComparison.Ordinal);
        Assert.Equal("The plan has no trauma work.", dissenter.Comment);
    }

    [Fact]
    public async Task MajorityOption_ThreeDissents_EndWithThePlanNotAgreed()
    {
        var (host, referral) = await AtTheConferenceAsync("""{ "workflows": { "referral": { "steps": { "caseConference": { "mode": "Majority" } } } } }""");

        foreach (var member in new[] { "psychologist", "socialworker", "education" })
        {
            await host.DecideOpenAsync(referral.CaseId, $"{member}.almaty", DecisionKind.Reject, "Not ready for a group programme.");
        }

        Assert.Equal(ReferralOutcomes.PlanNotAgreed, await referral.OutcomeAsync());
        Assert.DoesNotContain(await host.Cases.ReadSectionsAsync(referral.CaseId), s => s.Name == "caseConferenceDissent");
    }
}
