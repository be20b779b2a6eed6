using Workflows.Approvals;
using Workflows.Audit;
using Workflows.Notifications;
using Workflows.Referrals;
using Workflows.Tests.Support;

namespace Workflows.Tests.Referrals;

/// <summary>
/// The referral's timers on the exact day the default policy says, checked a minute before (nothing yet)
/// and at the time (fired). The virtual clock starts on Monday 5 January 2026, 09:00 UTC, in Almaty
/// (Kazakhstan's calendar: Wednesday 7 January is a holiday); decisions without a wait happen at once.
/// </summary>
public sealed class ReferralTimerTests : IAsyncLifetime
{
    private readonly DomainHost _host = DomainHost.Create();
    private readonly ReferralDriver _referral;

    public ReferralTimerTests() => _referral = new ReferralDriver(_host);

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public ValueTask DisposeAsync() => _host.DisposeAsync();

    private static DateTimeOffset January(int day) => new(2026, 1, day, 9, 0, 0, TimeSpan.Zero);

    private Task JustBeforeAsync(DateTimeOffset at) => _host.Host.AdvanceToAsync(at.AddMinutes(-1));

    private bool Sent(NotificationKind kind, string recipient, string step) =>
        _host.Notifier.Sent.Any(n => n.CaseId == _referral.CaseId && n.Kind == kind && n.RecipientId == recipient && n.Step == step);

    private async Task<string?> AssigneeAsync(string step) => Assert.Single(await _host.OpenTasksAsync(_referral.CaseId, step)).AssigneeId;

    [Fact]
    public async Task Eligibility_RemindsOnWorkingDay3_AndGoesToTheHeadOfRehabilitationOnWorkingDay6()
    {
        await _referral.SubmitAsync();

        // Working days: Tue 6, (Wed 7 holiday), Thu 8, Fri 9, (weekend), Mon 12, Tue 13, Wed 14.
        Assert.Equal(January(13), Assert.Single(await _host.OpenTasksAsync(_referral.CaseId, "eligibilityScreening")).Due);
        await JustBeforeAsync(January(9));
        Assert.False(Sent(NotificationKind.Reminder, "coordinator.almaty", "eligibilityScreening"));
        await _host.Host.AdvanceToAsync(January(9));
        Assert.True(Sent(NotificationKind.Reminder, "coordinator.almaty", "eligibilityScreening"));

        await JustBeforeAsync(January(14));
        Assert.Equal("coordinator.almaty", await AssigneeAsync("eligibilityScreening"));
        await _host.Host.AdvanceToAsync(January(14));
        Assert.Equal("headrehab.south", await AssigneeAsync("eligibilityScreening"));
    }

    [Fact]
    public async Task Eligibility_OverduePastTheWholeChain_IsDecidedByDefaultInTheHeadOfRehabilitationsName()
    {
        await _referral.SubmitAsync();

        // Ten working days: ... Wed 14, Thu 15, Fri 16, Mon 19, Tue 20 January.
        await JustBeforeAsync(January(20));
        Assert.Equal("eligibilityScreening", await _referral.StepAsync());
        await _host.Host.AdvanceToAsync(January(20));

        Assert.Equal("riskAssessment", await _referral.StepAsync());
        Assert.Contains(_host.Audit.All, e => e.CaseId == _referral.CaseId && e.Action == AuditActions.DefaultDecision && e.Role == Roles.HeadOfRehabilitation && e.Reason == "Approved");
        Assert.True(Sent(NotificationKind.Alert, "director.almaty", "eligibilityScreening"));
        Assert.Equal(ApprovalTaskStatus.Cancelled, Assert.Single(await _host.Tasks.ListByCaseAsync(_referral.CaseId), t => t.Step == "eligibilityScreening").Status);
    }

    [Fact]
    public async Task Assessment_OverdueOnDay30_AddsTheDirectorAsOneVote_SoAnAssessorMustStillAgree()
    {
        await _referral.SubmitAsync();
        await _referral.ApproveEligibilityAsync();
        var day30 = January(5).AddDays(30);

        await JustBeforeAsync(day30);
        Assert.DoesNotContain(await _host.OpenTasksAsync(_referral.CaseId, "riskAssessment"), t => t.AssigneeId == "director.almaty");
        await _host.Host.AdvanceToAsync(day30);

        Assert.Contains(await _host.OpenTasksAsync(_referral.CaseId, "riskAssessment"), t => t.AssigneeId == "director.almaty");
        await _host.DecideOpenAsync(_referral.CaseId, "director.almaty", DecisionKind.Approve, attributes: ReferralDriver.Medium);
        Assert.Equal("riskAssessment", await _referral.StepAsync());
        await _host.DecideOpenAsync(_referral.CaseId, "assessor1.almaty", DecisionKind.Approve, attributes: ReferralDriver.Medium);
        Assert.Equal("securityClearance", await _referral.StepAsync());
    }

    [Fact]
    public async Task CaseConference_NotDoneOnDay14_IsEscalatedToTheDirector()
    {
        await _referral.SubmitAsync();
        await _referral.ApproveEligibilityAsync();
        await _referral.AssessAsync();
        await _referral.ClearSecurityAsync();
        await _referral.ConsentAsync();

        await JustBeforeAsync(January(19));
        Assert.False(Sent(NotificationKind.Escalation, "director.almaty", "caseConference"));
        await _host.Host.AdvanceToAsync(January(19));

        Assert.True(Sent(NotificationKind.Escalation, "director.almaty", "caseConference"));
        Assert.Equal(5, (await _host.OpenTasksAsync(_referral.CaseId, "caseConference")).Count);
    }

    [Fact]
    public async Task Placement_GoesToTheDeputyAt5WorkingDays_ThenToCentralAdministrationAt10()
    {
        await _referral.SubmitAsync();
        await _referral.ApproveEligibilityAsync();
        await _referral.AssessAsync();
        await _referral.ClearSecurityAsync();
        await _referral.ConsentAsync();
        await _referral.CaseConferenceAsync();

        await JustBeforeAsync(January(13));
        Assert.Equal("director.almaty", await AssigneeAsync("placementDecision"));
        await _host.Host.AdvanceToAsync(January(13));
        Assert.Equal("deputy.almaty", await AssigneeAsync("placementDecision"));

        await JustBeforeAsync(January(20));
        Assert.Equal("deputy.almaty", await AssigneeAsync("placementDecision"));
        await _host.Host.AdvanceToAsync(January(20));
        Assert.Equal("centraladmin.central", await AssigneeAsync("placementDecision"));

        await _host.DecideOpenAsync(_referral.CaseId, "centraladmin.central", DecisionKind.Approve);
        Assert.Equal("waitingList", await _referral.StepAsync());
    }

    [Fact]
    public async Task SecurityClearance_ExhaustedAfter20WorkingDays_ExpiresNeverApproves_AndTellsTheDirector()
    {
        await _referral.SubmitAsync();
        await _referral.ApproveEligibilityAsync();
        await _referral.AssessAsync();
        var security = Assert.Single(await _host.OpenTasksAsync(_referral.CaseId, "securityClearance"));

        // Twenty working days from Monday 5 January (7 January a holiday): Tuesday 3 February.
        var end = new DateTimeOffset(2026, 2, 3, 9, 0, 0, TimeSpan.Zero);
        await JustBeforeAsync(end);
        Assert.Equal("securityClearance", await _referral.StepAsync());
        await _host.Host.AdvanceToAsync(end);

        Assert.Equal(ReferralOutcomes.Lapsed, await _referral.OutcomeAsync());
        Assert.Equal(ApprovalTaskStatus.Expired, (await _host.Tasks.GetAsync(security.TaskId))!.Status);
        Assert.Contains(_host.Notifier.Sent, n => n.Kind == NotificationKind.Alert && n.Code == "StepExpired" && n.RecipientId == "director.almaty");
        Assert.Contains(_host.Notifier.Sent, n => n.Kind == NotificationKind.Alert && n.Code == "StepExpired" && n.RecipientId == "security.almaty");
        Assert.Contains(_host.Notifier.Sent, n => n.Kind == NotificationKind.Outcome && n.Code == ReferralOutcomes.Lapsed && n.RecipientId == "referrer.almaty");
        Assert.Contains(_host.Audit.All, e => e.CaseId == _referral.CaseId && e.Action == AuditActions.Expired);
        Assert.DoesNotContain(_host.Audit.All, e => e.CaseId == _referral.CaseId && e.Action == AuditActions.DefaultDecision);
        Assert.Empty(await _host.OpenTasksOfCaseAsync(_referral.CaseId));
    }

    [Fact]
    public async Task Monitoring_LowRisk_IsReassessedAtTwelveMonths_NotSix()
    {
        await _referral.SubmitAsync();
        await _referral.ThroughPlacementAsync("Low");
        await _referral.StartProgrammeAsync();
        var started = _host.Now;

        foreach (var month in new[] { 3, 6, 9 })
        {
            await _host.Host.AdvanceToAsync(started.AddMonths(month));
            Assert.Empty(await _host.OpenTasksAsync(_referral.CaseId, "riskReassessment"));
            await _host.DecideOpenAsync(_referral.CaseId, "coordinator.almaty", DecisionKind.Approve);
        }

        await JustBeforeAsync(started.AddMonths(12));
        Assert.Empty(await _host.OpenTasksOfCaseAsync(_referral.CaseId));
        await _host.Host.AdvanceToAsync(started.AddMonths(12));

        // The quarterly review and the yearly re-assessment fall due together and run side by side.
        Assert.Equal(3, (await _host.OpenTasksAsync(_referral.CaseId, "riskReassessment")).Count);
        Assert.Single(await _host.OpenTasksAsync(_referral.CaseId, "progressReview"));
        var status = await _host.StatusAsync(_referral.InstanceId);
        Assert.Equal(4, status.WaitingOnTaskIds.Count);
        Assert.Equal(["progressReview", "riskReassessment"], status.Steps.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Monitoring_TriggeredReassessment_OpensAtTheTrigger_WithItsThirtyDayDeadline()
    {
        await _referral.SubmitAsync();
        await _referral.ThroughPlacementAsync();
        await _referral.StartProgrammeAsync();
        await _host.Host.AdvanceAsync(TimeSpan.FromDays(40));
        Assert.Empty(await _host.OpenTasksAsync(_referral.CaseId, "riskReassessment"));

        Assert.Equal(DecisionStatus.Recorded, (await _referral.Service.TriggerReassessmentAsync(_referral.CaseId, "incident", _host.Actor("security.almaty"))).Status);
        await _host.Host.RunUntilIdleAsync();

        var tasks = await _host.OpenTasksAsync(_referral.CaseId, "riskReassessment");
        Assert.Equal(3, tasks.Count);
        Assert.All(tasks, t => Assert.Equal(_host.Now.AddDays(30), t.Due));
        Assert.Contains(_host.Audit.All, e => e.CaseId == _referral.CaseId && e.Reason == "Re-assessment triggered: incident");
    }

    [Fact]
    public async Task Monitoring_ReassessmentOverdue_TheDirectorAddedDoesNotChangeTheRiskLevelAlone()
    {
        await _referral.SubmitAsync();
        await _referral.ThroughPlacementAsync();
        await _referral.StartProgrammeAsync();
        await _referral.Service.TriggerReassessmentAsync(_referral.CaseId, "incident", _host.Actor("security.almaty"));
        await _host.Host.RunUntilIdleAsync();

        await _host.Host.AdvanceAsync(TimeSpan.FromDays(30));
        await _host.DecideOpenAsync(_referral.CaseId, "director.almaty", DecisionKind.Approve, attributes: High);

        Assert.Equal(3, (await _host.OpenTasksAsync(_referral.CaseId, "riskReassessment")).Count);
        await _host.DecideOpenAsync(_referral.CaseId, "assessor2.almaty", DecisionKind.Approve, attributes: High);
        Assert.Empty(await _host.OpenTasksAsync(_referral.CaseId, "riskReassessment"));
    }

    private static readonly Dictionary<string, string> High = new() { ["riskLevel"] = "High" };
}
