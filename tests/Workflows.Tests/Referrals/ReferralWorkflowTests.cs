using Workflows.Approvals;
using Workflows.Notifications;
using Workflows.Referrals;
using Workflows.Tests.Support;

namespace Workflows.Tests.Referrals;

public sealed class ReferralWorkflowTests : IAsyncLifetime
{
    private readonly DomainHost _host = DomainHost.Create();
    private readonly ReferralDriver _referral;

    public ReferralWorkflowTests() => _referral = new ReferralDriver(_host);

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public ValueTask DisposeAsync() => _host.DisposeAsync();

    [Fact]
    public async Task HappyPath_ReachesMonitoring_AndEndsOnCompletion()
    {
        await _referral.SubmitAsync();
        await _referral.ThroughPlacementAsync();
        Assert.Equal("waitingList", await _referral.StepAsync());
        Assert.Contains(_host.Notifier.Sent, n => n.Kind == NotificationKind.DecisionNotice && n.Code == "Placed" && n.Language == "kk" && n.ChallengeRoute == "complaint");

        await _referral.StartProgrammeAsync();
        Assert.Equal("monitoring", await _referral.StepAsync());

        var exit = await _referral.Service.RecordExitAsync(_referral.CaseId, ExitKind.Completion, null, _host.Actor("coordinator.almaty"));
        await _host.Host.RunUntilIdleAsync();
        Assert.Equal(DecisionStatus.Recorded, exit.Status);
        Assert.Equal(ReferralOutcomes.Completed, await _referral.OutcomeAsync());
        Assert.True((await _host.Audit.VerifyAsync(_referral.CaseId)).IsValid);
    }

    [Fact]
    public async Task Eligibility_Rejected_EndsWithADecisionNoticeToThePrisoner()
    {
        await _referral.SubmitAsync();
        await _host.DecideOpenAsync(_referral.CaseId, "coordinator.almaty", DecisionKind.Reject, "Sentence too short for the programme.", ["not-eligible-sentence"]);

        Assert.Equal(ReferralOutcomes.NotEligible, await _referral.OutcomeAsync());
        Assert.Contains(_host.Notifier.Sent, n => n.Kind == NotificationKind.DecisionNotice && n.CaseId == _referral.CaseId && n.Code == ReferralOutcomes.NotEligible);
        Assert.Contains(_host.Notifier.Sent, n => n.Kind == NotificationKind.Outcome && n.RecipientId == "referrer.almaty");
    }

    [Fact]
    public async Task SeparationOfDuties_ACoordinatorWhoRefers_CannotScreenTheirOwnReferral()
    {
        await _referral.SubmitAsync(referrer: "coordinator.almaty");

        var task = Assert.Single(await _host.OpenTasksOfCaseAsync(_referral.CaseId));
        Assert.Null(task.AssigneeId);
        Assert.Equal(DecisionStatus.NotEntitled, (await _host.DecideAsync(task.TaskId, "coordinator.almaty", DecisionKind.Approve)).Status);
        Assert.Equal(DecisionStatus.Invalid, (await _host.Decisions.ReassignAsync(task.TaskId, _host.Actor("admin.central"), "coordinator.almaty", "only coordinator")).Status);
        Assert.Equal(DecisionStatus.Recorded, (await _host.Decisions.ReassignAsync(task.TaskId, _host.Actor("admin.central"), "headrehab.south", "referrer is the only coordinator")).Status);
    }

    [Fact]
    public async Task Eligibility_DelegatedByTheCoordinator_IsDecidedByTheDelegateOnTheirBehalf()
    {
        await _referral.SubmitAsync();
        var task = Assert.Single(await _host.OpenTasksOfCaseAsync(_referral.CaseId));

        Assert.Equal(DecisionStatus.Invalid, (await _host.Decisions.DelegateAsync(task.TaskId, _host.Actor("coordinator.almaty"), "referrer.almaty")).Status);
        Assert.Equal(DecisionStatus.Recorded, (await _host.Decisions.DelegateAsync(task.TaskId, _host.Actor("coordinator.almaty"), "coordinator.kostanay", "on leave")).Status);
        await _host.Host.RunUntilIdleAsync();
        Assert.Contains(_host.Notifier.Sent, n => n.Kind == NotificationKind.Delegated && n.RecipientId == "coordinator.kostanay" && n.TaskId == task.TaskId);

        Assert.Equal(DecisionStatus.Recorded, (await _host.DecideAsync(task.TaskId, "coordinator.kostanay", DecisionKind.Approve, channel: DecisionChannel.Email)).Status);

        Assert.Equal("riskAssessment", await _referral.StepAsync());
        var decided = (await _host.Tasks.GetAsync(task.TaskId))!;
        Assert.Equal(("coordinator.kostanay", "coordinator.almaty", DecisionChannel.Email), (decided.DecidedBy, decided.OnBehalfOf, decided.Channel));
        Assert.Contains(_host.Audit.All, e => e.CaseId == _referral.CaseId && e.Action == Workflows.Audit.AuditActions.Delegated && e.ActorId == "coordinator.almaty");
        Assert.Contains(_host.Audit.All, e => e.CaseId == _referral.CaseId && e.Action == Workflows.Audit.AuditActions.DecisionRecorded && e.ActorId == "coordinator.kostanay" && e.OnBehalfOf == "coordinator.almaty");
    }

    [Fact]
    public async Task Assessment_NeedsTwoAgreeingAssessors_AndRecordsTheAssessment()
    {
        await _referral.SubmitAsync();
        await _referral.ApproveEligibilityAsync();
        Assert.Equal(3, (await _host.OpenTasksAsync(_referral.CaseId, "riskAssessment")).Count);

        await _referral.AssessAsync("High");

        Assert.Equal("securityClearance", await _referral.StepAsync());
        var sections = await _host.Cases.ReadSectionsAsync(_referral.CaseId);
        Assert.Contains(sections, s => s.Tier == Workflows.Cases.DataTier.RiskAssessment && s.Data.GetProperty("overallJudgement").GetString() == "High");
    }

    [Fact]
    public async Task SecurityVeto_UpheldByTheDirector_EndsTheReferral()
    {
        await _referral.SubmitAsync();
        await _referral.ApproveEligibilityAsync();
        await _referral.AssessAsync();
        await _host.DecideOpenAsync(_referral.CaseId, "security.almaty", DecisionKind.Veto, "Active recruiter on the wing.", ["security-concern"]);
        Assert.Equal("securityVetoReview", await _referral.StepAsync());

        await _host.DecideOpenAsync(_referral.CaseId, "director.almaty", DecisionKind.Reject, "Veto upheld.", ["security-concern"]);

        Assert.Equal(ReferralOutcomes.SecurityVetoUpheld, await _referral.OutcomeAsync());
        Assert.Contains(_host.Notifier.Sent, n => n.Kind == NotificationKind.DecisionNotice && n.Code == ReferralOutcomes.SecurityVetoUpheld);
    }

    [Fact]
    public async Task SecurityVeto_OverturnedByTheDirector_Continues()
    {
        await _referral.SubmitAsync();
        await _referral.ApproveEligibilityAsync();
        await _referral.AssessAsync();
        await _host.DecideOpenAsync(_referral.CaseId, "security.almaty", DecisionKind.Veto, "Concern.", ["security-concern"]);

        await _host.DecideOpenAsync(_referral.CaseId, "director.almaty", DecisionKind.Approve);

        Assert.Equal("consentSession", await _referral.StepAsync());
        Assert.Contains(_host.Audit.All, e => e.CaseId == _referral.CaseId && e.Action == Workflows.Audit.AuditActions.Override);
    }

    [Fact]
    public async Task ConsentRefused_BecomesFinalOnlyAfterTheReflectionPeriod()
    {
        await _referral.SubmitAsync();
        await _referral.ApproveEligibilityAsync();
        await _referral.AssessAsync();
        await _referral.ClearSecurityAsync();
        await _referral.ConsentAsync(given: false);
        Assert.Equal("reflectionPeriod", await _referral.StepAsync());

        await _host.Host.AdvanceAsync(TimeSpan.FromHours(71));
        Assert.Null(await _referral.OutcomeAsync());
        await _host.Host.AdvanceAsync(TimeSpan.FromHours(1));

        Assert.Equal(ReferralOutcomes.ConsentRefused, await _referral.OutcomeAsync());
        Assert.DoesNotContain(_host.Notifier.Sent, n => n.Kind == NotificationKind.DecisionNotice && n.CaseId == _referral.CaseId);
    }

    [Fact]
    public async Task ConsentRefused_ThenGivenWithinTheReflectionPeriod_Continues()
    {
        await _referral.SubmitAsync();
        await _referral.ApproveEligibilityAsync();
        await _referral.AssessAsync();
        await _referral.ClearSecurityAsync();
        await _referral.ConsentAsync(given: false);
        await _host.Host.AdvanceAsync(TimeSpan.FromHours(48));

        await _referral.ConsentAsync(given: true);

        Assert.Equal("caseConference", await _referral.StepAsync());
    }

    [Fact]
    public async Task ConsentSession_Overdue_AfterTenDays_NotifiesTheCoordinator()
    {
        await _referral.SubmitAsync();
        await _referral.ApproveEligibilityAsync();
        await _referral.AssessAsync();
        await _referral.ClearSecurityAsync();

        await _host.Host.AdvanceAsync(TimeSpan.FromDays(10));

        Assert.Contains(_host.Notifier.Sent, n => n.Code == "ConsentSessionOverdue" && n.RecipientId == "coordinator.almaty");
        await _referral.ConsentAsync();
        Assert.Equal("caseConference", await _referral.StepAsync());
    }

    [Fact]
    public async Task HighRisk_PlacementAddsCentralAdministration()
    {
        await _referral.SubmitAsync();
        await _referral.ApproveEligibilityAsync();
        await _referral.AssessAsync("High");
        await _referral.ClearSecurityAsync();
        await _referral.ConsentAsync();
        await _referral.CaseConferenceAsync();
        await _referral.PlaceAsync();

        Assert.Equal("centraladmin.central", Assert.Single(await _host.OpenTasksAsync(_referral.CaseId, "placementDecisionHighRisk")).AssigneeId);
        await _host.DecideOpenAsync(_referral.CaseId, "centraladmin.central", DecisionKind.Approve);
        Assert.Equal("waitingList", await _referral.StepAsync());
    }

    [Fact]
    public async Task Placement_Escalates_ToTheDeputyAfterFiveWorkingDays()
    {
        await _referral.SubmitAsync();
        await _referral.ApproveEligibilityAsync();
        await _referral.AssessAsync();
        await _referral.ClearSecurityAsync();
        await _referral.ConsentAsync();
        await _referral.CaseConferenceAsync();

        // Five working days from Monday 5 January in Kazakhstan: Wednesday 7 January is a holiday, so Tuesday 13 January.
        await _host.Host.AdvanceAsync(TimeSpan.FromDays(7));
        Assert.Equal("director.almaty", Assert.Single(await _host.OpenTasksAsync(_referral.CaseId, "placementDecision")).AssigneeId);
        await _host.Host.AdvanceAsync(TimeSpan.FromDays(1));

        Assert.Equal("deputy.almaty", Assert.Single(await _host.OpenTasksAsync(_referral.CaseId, "placementDecision")).AssigneeId);
    }

    [Fact]
    public async Task PlacementRefused_SendsTheDecisionNoticeWithTheComplaintRoute()
    {
        await _referral.SubmitAsync();
        await _referral.ApproveEligibilityAsync();
        await _referral.AssessAsync();
        await _referral.ClearSecurityAsync();
        await _referral.ConsentAsync();
        await _referral.CaseConferenceAsync();

        await _host.DecideOpenAsync(_referral.CaseId, "director.almaty", DecisionKind.Reject, "No place for this profile.", ["programme-capacity"]);

        Assert.Equal(ReferralOutcomes.PlacementRefused, await _referral.OutcomeAsync());
        Assert.Contains(_host.Notifier.Sent, n => n.Kind == NotificationKind.DecisionNotice && n.ChallengeRoute == "complaint");
    }

    [Fact]
    public async Task WaitingList_AlertsAfterSixtyDays()
    {
        await _referral.SubmitAsync();
        await _referral.ThroughPlacementAsync();
        var placedAt = _host.Now;

        await _host.Host.AdvanceToAsync(placedAt.AddDays(60).AddMinutes(-1));
        Assert.DoesNotContain(_host.Notifier.Sent, n => n.Code == "WaitingListAlert");
        await _host.Host.AdvanceToAsync(placedAt.AddDays(60));

        Assert.Contains(_host.Notifier.Sent, n => n.Code == "WaitingListAlert" && n.RecipientId == "director.almaty");
    }

    [Fact]
    public async Task Withdrawal_ByTheReferrer_EndsTheReferral()
    {
        await _referral.SubmitAsync();

        Assert.Equal(DecisionStatus.Recorded, (await _host.Decisions.WithdrawAsync(_referral.CaseId, _host.Actor("referrer.almaty"), "transferred")).Status);
        await _host.Host.RunUntilIdleAsync();

        Assert.Equal(ReferralOutcomes.Withdrawn, await _referral.OutcomeAsync());
    }
}
