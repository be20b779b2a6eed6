using Microsoft.Extensions.DependencyInjection;
using Workflows.Approvals;
using Workflows.Audit;
using Workflows.Cases;
using Workflows.Notifications;
using Workflows.People;
using Workflows.PreRelease;
using Workflows.Tests.Referrals;
using Workflows.Tests.Support;

namespace Workflows.Tests.PreRelease;

/// <summary>
/// Safeguard 7 in pre-release planning: a woman's risk re-assessment, resettlement-needs assessment,
/// release hand-over and post-release contact attempt and reviews go to women staff. Almaty is a men's
/// prison (assessors 1 and 3 women, its social worker a man); Kostanay a women's prison (assessors 1 and 2
/// and its social worker women). Every probation officer of the seed is a woman; tests add a man or make
/// the southern one a man where the rule must make a difference.
/// </summary>
public sealed class PreReleaseWomenStaffTests : IAsyncLifetime
{
    private const string KostanaySocialWorker = "socialworker.kostanay";
    private static readonly DateOnly NeedsAtOnce = new(2026, 9, 1);
    private static readonly DateOnly ReleaseSoon = new(2026, 2, 2);

    private readonly DomainHost _host;
    private readonly PreReleaseDriver _plan;

    public PreReleaseWomenStaffTests()
    {
        _host = DomainHost.Create();
        _plan = new PreReleaseDriver(_host);
    }

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public ValueTask DisposeAsync() => _host.DisposeAsync();

    private static async Task<HashSet<string?>> AssigneesAsync(DomainHost host, PreReleaseDriver plan, string step) =>
        (await host.OpenTasksAsync(plan.CaseId, step)).Select(t => t.AssigneeId).ToHashSet();

    /// <summary>A directory where a man also holds the probation role in the southern region.</summary>
    private static DomainHost HostWithAManProbationOfficer() =>
        DomainHost.Create(s => s.AddSingleton<IPersonDirectory>(StaffDirectory.SeedWith(StaffDirectory.Man("probation2.south", Roles.ProbationOfficer, ScopeLevel.Region, "south"))));

    /// <summary>A directory where the southern region's only probation officer is a man.</summary>
    private static DomainHost HostWithOnlyAManProbationOfficer() =>
        DomainHost.Create(s => s.AddSingleton<IPersonDirectory>(StaffDirectory.SeedWithMen(["probation.south"])));

    /// <summary>A woman at Kostanay who will live in the southern region after release.</summary>
    private static PreReleaseRequest WomanGoingSouth(DateOnly release) =>
        PreReleaseDriver.Request(release, facility: "kostanay") with { ResidenceRegionId = "south" };

    /// <summary>Approves every assigned task and follows the milestones until the release hand-over opens.</summary>
    private static async Task<IReadOnlyList<ApprovalTask>> AtReleaseHandoverAsync(DomainHost host, PreReleaseDriver plan)
    {
        for (var i = 0; i < 50; i++)
        {
            var handover = await host.OpenTasksAsync(plan.CaseId, "releaseHandover");
            if (handover.Count > 0)
            {
                return handover;
            }

            if (await host.ApproveAllOpenAsync(plan.CaseId) == 0)
            {
                var next = (await host.StatusAsync(plan.InstanceId)).NextDeadline;
                Assert.True(next is { } at && at > host.Now, "The planning stopped before the release day.");
                await host.Host.AdvanceToAsync(next!.Value);
            }
        }

        Assert.Fail("The release hand-over did not open.");
        return [];
    }

    private async Task AssessNeedsAsync(string caretaking, string children)
    {
        await _host.ApproveAllOpenAsync(_plan.CaseId, filter: t => t.Step == "riskReassessment");
        var needs = Assert.Single(await _host.OpenTasksAsync(_plan.CaseId, "resettlementNeeds"));
        var attributes = new Dictionary<string, string> { ["caretakingResponsibilities"] = caretaking, ["dependentChildren"] = children };
        Assert.Equal(DecisionStatus.Recorded, (await _host.DecideAsync(needs.TaskId, KostanaySocialWorker, DecisionKind.Approve, attributes: attributes)).Status);
    }

    [Theory]
    [InlineData("riskReassessment", true)]
    [InlineData("resettlementNeeds", true)]
    [InlineData("releaseHandover", true)]
    [InlineData("missedContactAttempt", true)]
    [InlineData("postReleaseReview", true)]
    [InlineData("planningConference", false)]
    [InlineData("planApproval", false)]
    [InlineData("highRiskPanel", false)]
    [InlineData("housingWorkConfirmation", false)]
    [InlineData("finalChecklist", false)]
    [InlineData("missedContactConference", false)]
    public void LoadDefault_WomenStaffRule_HoldsForTheStepsWithThePersonPresent(string step, bool women)
    {
        var policy = _host.Policies.Resolve(WorkflowNames.PreRelease, "KZ", "almaty");

        Assert.Equal(women, policy.Step(step).WomenStaffForWomen);
    }

    [Fact]
    public async Task Woman_RiskReassessmentGoesOnlyToThePrisonsWomenAssessors()
    {
        await _plan.StartAsync(PreReleaseDriver.Request(NeedsAtOnce, sex: "female"), PreReleaseDriver.SocialWorker);

        Assert.Equal(new HashSet<string?> { "assessor1.almaty", "assessor3.almaty" }, await AssigneesAsync(_host, _plan, "riskReassessment"));
    }

    [Fact]
    public async Task Man_RiskReassessmentGoesToEveryAssessorOfThePrison()
    {
        await _plan.StartAsync(PreReleaseDriver.Request(NeedsAtOnce, sex: "male"), PreReleaseDriver.SocialWorker);

        Assert.Equal(new HashSet<string?> { "assessor1.almaty", "assessor2.almaty", "assessor3.almaty" }, await AssigneesAsync(_host, _plan, "riskReassessment"));
    }

    [Fact]
    public async Task Man_NeedsAssessmentGoesToThePrisonsSocialWorker()
    {
        await _plan.StartAsync(PreReleaseDriver.Request(NeedsAtOnce, sex: "male"), PreReleaseDriver.SocialWorker);

        Assert.Equal(new HashSet<string?> { PreReleaseDriver.SocialWorker }, await AssigneesAsync(_host, _plan, "resettlementNeeds"));
    }

    [Fact]
    public async Task WomensPrison_WithoutARecordedSex_AssessmentsGoOnlyToItsWomen()
    {
        await _plan.StartAsync(PreReleaseDriver.Request(NeedsAtOnce, facility: "kostanay"), KostanaySocialWorker);

        Assert.Equal(new HashSet<string?> { "assessor1.kostanay", "assessor2.kostanay" }, await AssigneesAsync(_host, _plan, "riskReassessment"));
        Assert.Equal(new HashSet<string?> { KostanaySocialWorker }, await AssigneesAsync(_host, _plan, "resettlementNeeds"));
    }

    [Fact]
    public async Task WithoutARecordedSex_TheLinkedReferralOfThePrisonerRoutesThePlan()
    {
        var referral = new ReferralDriver(_host);
        var referred = ReferralDriver.Request(sex: "female");
        await referral.SubmitAsync(referred);

        await _plan.StartAsync(PreReleaseDriver.Request(NeedsAtOnce) with { PrisonerId = referred.PrisonerId, ReferralCaseId = referral.CaseId }, PreReleaseDriver.SocialWorker);

        Assert.Equal(new HashSet<string?> { "assessor1.almaty", "assessor3.almaty" }, await AssigneesAsync(_host, _plan, "riskReassessment"));
    }

    [Fact]
    public async Task Woman_NoWomanSocialWorkerAtThePrison_NeedsAssessmentGoesToTheRegionsWoman_Audited()
    {
        await using var host = DomainHost.Create(s => s.AddSingleton<IPersonDirectory>(StaffDirectory.SeedWith(StaffDirectory.Woman("socialworker.south", Roles.SocialWorker, ScopeLevel.Region, "south"))));
        var plan = new PreReleaseDriver(host);

        await plan.StartAsync(PreReleaseDriver.Request(NeedsAtOnce, sex: "female"), PreReleaseDriver.SocialWorker);

        var needs = Assert.Single(await host.OpenTasksAsync(plan.CaseId, "resettlementNeeds"));
        Assert.Equal("socialworker.south", needs.AssigneeId);
        var audit = Assert.Single(host.Audit.All, e => e.CaseId == plan.CaseId && e.Reason == "WomenStaffRuleWidened");
        Assert.Equal((AuditActions.Escalated, Roles.SocialWorker, needs.TaskId, "Region"), (audit.Action, audit.Role, audit.Ids["taskId"], audit.Ids["level"]));
    }

    [Fact]
    public async Task Woman_NoEligibleWomanAnywhere_NeedsAssessmentWaitsUnassigned_AuditedAndTheAdministratorsAlerted()
    {
        await _plan.StartAsync(PreReleaseDriver.Request(NeedsAtOnce, sex: "female"), PreReleaseDriver.SocialWorker);

        var needs = Assert.Single(await _host.OpenTasksAsync(_plan.CaseId, "resettlementNeeds"));
        Assert.Null(needs.AssigneeId);
        Assert.Contains(_host.Audit.All, e => e.CaseId == _plan.CaseId && e.Action == AuditActions.Escalated && e.Reason == "WomenStaffRuleUnmet" && e.Ids["taskId"] == needs.TaskId);
        Assert.Contains(_host.Notifier.Sent, n => n.Kind == NotificationKind.Alert && n.Code == "WomenStaffRuleUnmet" && n.RecipientId == "admin.central" && n.TaskId == needs.TaskId);
    }

    [Fact]
    public async Task Woman_ReleaseHandOverGoesOnlyToTheWomanProbationOfficerOfHerResidenceRegion()
    {
        await using var host = HostWithAManProbationOfficer();
        var plan = new PreReleaseDriver(host);
        await plan.StartAsync(WomanGoingSouth(ReleaseSoon), KostanaySocialWorker);

        var handover = await AtReleaseHandoverAsync(host, plan);

        Assert.Equal(["probation.south"], handover.Select(t => t.AssigneeId));
    }

    [Fact]
    public async Task Man_ReleaseHandOverGoesToEveryProbationOfficerOfHisResidenceRegion()
    {
        await using var host = HostWithAManProbationOfficer();
        var plan = new PreReleaseDriver(host);
        await plan.StartAsync(PreReleaseDriver.Request(ReleaseSoon, sex: "male"), PreReleaseDriver.SocialWorker);

        var handover = await AtReleaseHandoverAsync(host, plan);

        Assert.Equal(new HashSet<string?> { "probation.south", "probation2.south" }, handover.Select(t => t.AssigneeId).ToHashSet());
    }

    [Fact]
    public async Task Woman_NoWomanProbationOfficerAnywhere_ReleaseHandOverWaitsUnassigned_AndTheAdministratorsAreAlerted()
    {
        await using var host = HostWithOnlyAManProbationOfficer();
        var plan = new PreReleaseDriver(host);
        await plan.StartAsync(WomanGoingSouth(ReleaseSoon), KostanaySocialWorker);

        var handover = Assert.Single(await AtReleaseHandoverAsync(host, plan));

        Assert.Null(handover.AssigneeId);
        Assert.Contains(host.Notifier.Sent, n => n.Kind == NotificationKind.Alert && n.Code == "WomenStaffRuleUnmet" && n.RecipientId == "admin.central" && n.TaskId == handover.TaskId);
    }

    [Fact]
    public async Task Woman_MissedContact_TheContactAttemptGoesToTheWomanProbationOfficer()
    {
        await using var host = HostWithAManProbationOfficer();
        var plan = new PreReleaseDriver(host);
        await plan.StartAsync(WomanGoingSouth(ReleaseSoon), KostanaySocialWorker);
        await plan.ReleaseAsync();

        await host.Host.AdvanceToAsync((await host.StatusAsync(plan.InstanceId)).NextDeadline!.Value);

        Assert.Equal(["probation.south"], (await host.OpenTasksAsync(plan.CaseId, "missedContactAttempt")).Select(t => t.AssigneeId));
    }

    [Fact]
    public async Task Start_UnknownSex_IsRefusedNamingTheField()
    {
        var result = await _plan.Service.StartPlanningAsync(PreReleaseDriver.Request(NeedsAtOnce, sex: "f"), _host.Actor(PreReleaseDriver.SocialWorker));

        Assert.Equal(IntakeStatus.Invalid, result.Status);
        Assert.Equal([("sex", ErrorCodes.UnknownValue)], result.Errors!.Select(e => (e.Field, e.Code)));
    }

    [Fact]
    public async Task Intake_KeepsTheSexInTheIdentityTier_TheInputCarriesOnlyTheRoutingFlag()
    {
        await _plan.StartAsync(PreReleaseDriver.Request(NeedsAtOnce, sex: "female"), PreReleaseDriver.SocialWorker);

        var identity = (await _host.Cases.ReadSectionsAsync(_plan.CaseId)).Single(s => s.Name == "identity");
        Assert.Equal((DataTier.Identity, "female"), (identity.Tier, identity.Data.GetProperty("Sex").GetString()));
        var input = (await _host.Host.Client.GetInstanceAsync(_plan.InstanceId, true))!.Input!;
        Assert.DoesNotContain("\"female\"", input, StringComparison.Ordinal);
        Assert.Contains("\"femaleSubject\":true", input, StringComparison.Ordinal);
    }

    [Fact]
    public async Task NeedsAssessment_ApprovedWithoutCaretakingOrChildren_IsRefusedNamingBoth()
    {
        await _plan.StartAsync(PreReleaseDriver.Request(NeedsAtOnce, facility: "kostanay"), KostanaySocialWorker);
        var needs = Assert.Single(await _host.OpenTasksAsync(_plan.CaseId, "resettlementNeeds"));

        var result = await _host.DecideAsync(needs.TaskId, KostanaySocialWorker, DecisionKind.Approve);

        Assert.Equal(new HashSet<string> { "attributes.caretakingResponsibilities", "attributes.dependentChildren" }, result.Errors!.Select(e => e.Field).ToHashSet());
    }

    [Fact]
    public async Task NeedsAssessment_RecordsCaretakingResponsibilitiesAndChildren()
    {
        await _plan.StartAsync(PreReleaseDriver.Request(NeedsAtOnce, facility: "kostanay"), KostanaySocialWorker);

        await AssessNeedsAsync("yes", "2");

        var needs = (await _plan.SectionAsync("resettlementNeeds"))!.Value;
        Assert.Equal((true, 2), (needs.GetProperty("caretakingResponsibilities").GetBoolean(), needs.GetProperty("dependentChildren").GetInt32()));
    }

    [Fact]
    public async Task CaretakingResponsibilities_FeedThePlanningConference_TheLocalAuthorityAndProbationAreAlertedWhenItOpens()
    {
        await _plan.StartAsync(PreReleaseDriver.Request(NeedsAtOnce, facility: "kostanay"), KostanaySocialWorker);
        await AssessNeedsAsync("yes", "2");
        bool Alerted(string person) => _host.Notifier.Sent.Any(n => n.CaseId == _plan.CaseId && n.Code == "CaretakingResponsibilitiesToPlan" && n.RecipientId == person);

        await ExactTime.FiresAtAsync(_host, ExactTime.On(2026, 3, 1), () => Alerted("localauthority.north") && Alerted("probation.north"), "caretaking alert at the planning conference");
    }

    [Fact]
    public async Task NoCaretakingAndNoChildren_ThePlanningConferenceGetsNoCaretakingAlert()
    {
        await _plan.StartAsync(PreReleaseDriver.Request(NeedsAtOnce, facility: "kostanay"), KostanaySocialWorker);
        await AssessNeedsAsync("no", "0");

        await _host.Host.AdvanceToAsync(ExactTime.On(2026, 3, 1));

        Assert.NotEmpty(await _host.OpenTasksAsync(_plan.CaseId, "planningConference"));
        Assert.DoesNotContain(_host.Notifier.Sent, n => n.CaseId == _plan.CaseId && n.Code == "CaretakingResponsibilitiesToPlan");
    }
}
