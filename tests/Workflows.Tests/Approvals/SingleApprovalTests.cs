using Workflows.Approvals;
using Workflows.Audit;
using Workflows.Cases;
using Workflows.Notifications;
using Workflows.Policies;
using Workflows.Tests.Support;
using static Workflows.Tests.Support.Approvals;

namespace Workflows.Tests.Approvals;

public sealed class SingleApprovalTests : IAsyncLifetime
{
    private readonly DomainHost _host = DomainHost.Create();

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public ValueTask DisposeAsync() => _host.DisposeAsync();

    [Fact]
    public async Task Approve_ByTheAssignee_ApprovesAndRecordsWhoWhenHowChannel()
    {
        var (id, caseId) = await StartAsync(_host, OneCoordinator());
        var task = Assert.Single(await _host.OpenTasksOfCaseAsync(caseId));
        Assert.Equal("coordinator.almaty", task.AssigneeId);
        Assert.Equal(_host.Now.AddDays(7), task.Due);

        var result = await _host.DecideAsync(task.TaskId, "coordinator.almaty", DecisionKind.Approve, channel: DecisionChannel.Email);

        Assert.Equal(DecisionStatus.Recorded, result.Status);
        var outcome = await OutcomeAsync(_host, id);
        Assert.Equal(ApprovalResult.Approved, outcome.Result);
        var decision = Assert.Single(outcome.Decisions);
        Assert.Equal(("coordinator.almaty", DecisionChannel.Email, result.DecisionId), (decision.ActorId, decision.Channel!.Value, (string?)decision.DecisionId));
        Assert.Contains(_host.Audit.All, e => e.CaseId == caseId && e.Action == AuditActions.DecisionRecorded && e.Ids["channel"] == "Email");
        Assert.Contains(_host.Notifier.Sent, n => n.Kind == NotificationKind.NewTask && n.RecipientId == "coordinator.almaty" && n.TaskId == task.TaskId);
    }

    [Fact]
    public async Task Reject_WithoutComment_IsInvalidAndChangesNothing()
    {
        var (id, caseId) = await StartAsync(_host, OneCoordinator());
        var task = Assert.Single(await _host.OpenTasksOfCaseAsync(caseId));

        var result = await _host.DecideAsync(task.TaskId, "coordinator.almaty", DecisionKind.Reject);

        Assert.Equal(DecisionStatus.Invalid, result.Status);
        Assert.Contains(result.Errors!, e => e is { Field: "comment", Code: ErrorCodes.Required });
        Assert.True((await _host.Tasks.GetAsync(task.TaskId))!.IsOpen);
        await _host.AssertRunningAsync(id);
    }

    [Fact]
    public async Task Reject_WithComment_Rejects()
    {
        var (id, caseId) = await StartAsync(_host, OneCoordinator());
        var task = Assert.Single(await _host.OpenTasksOfCaseAsync(caseId));

        await _host.DecideAsync(task.TaskId, "coordinator.almaty", DecisionKind.Reject, "Not enough evidence.", ["insufficient-evidence"]);

        Assert.Equal(ApprovalResult.Rejected, (await OutcomeAsync(_host, id)).Result);
        Assert.Equal("Not enough evidence.", (await _host.Tasks.GetAsync(task.TaskId))!.Comment);
    }

    [Theory]
    [InlineData("religious-practice")]
    [InlineData("ethnicity")]
    [InlineData("nationality-foreign")]
    public async Task Decide_WithAReligionEthnicityOrNationalityReason_IsRefused(string code)
    {
        var (_, caseId) = await StartAsync(_host, OneCoordinator());
        var task = Assert.Single(await _host.OpenTasksOfCaseAsync(caseId));

        var result = await _host.DecideAsync(task.TaskId, "coordinator.almaty", DecisionKind.Reject, "No.", ["violent-incident", code]);

        Assert.Equal(DecisionStatus.Invalid, result.Status);
        Assert.Contains(result.Errors!, e => e is { Field: "reasonCodes[1]", Code: ErrorCodes.ForbiddenReasonCode });
    }

    [Fact]
    public async Task Decide_BySomeoneElse_IsNotEntitled()
    {
        var (_, caseId) = await StartAsync(_host, OneCoordinator());
        var task = Assert.Single(await _host.OpenTasksOfCaseAsync(caseId));

        var result = await _host.DecideAsync(task.TaskId, "psychologist.almaty", DecisionKind.Approve);

        Assert.Equal(DecisionStatus.NotEntitled, result.Status);
        Assert.Contains(_host.Audit.All, e => e.CaseId == caseId && e.Action == AuditActions.DecisionRefusedNotEntitled);
    }

    [Fact]
    public async Task Resolve_TheRequester_IsNeverAnApprover()
    {
        var (_, caseId) = await StartAsync(_host, OneCoordinator(), requester: "coordinator.almaty");

        var task = Assert.Single(await _host.OpenTasksOfCaseAsync(caseId));
        Assert.NotEqual("coordinator.almaty", task.AssigneeId);
        Assert.Equal(DecisionStatus.NotEntitled, (await _host.DecideAsync(task.TaskId, "coordinator.almaty", DecisionKind.Approve)).Status);
    }

    [Fact]
    public async Task Decide_Twice_SecondIsAlreadyDecided()
    {
        var (_, caseId) = await StartAsync(_host, OneCoordinator());
        var task = Assert.Single(await _host.OpenTasksOfCaseAsync(caseId));

        await _host.DecideAsync(task.TaskId, "coordinator.almaty", DecisionKind.Approve);
        var second = await _host.DecideAsync(task.TaskId, "coordinator.almaty", DecisionKind.Reject, "changed my mind");

        Assert.Equal(DecisionStatus.AlreadyDecided, second.Status);
        Assert.Equal(DecisionKind.Approve, (await _host.Tasks.GetAsync(task.TaskId))!.Decision);
        Assert.Contains(_host.Audit.All, e => e.CaseId == caseId && e.Action == AuditActions.DecisionRefusedLate);
    }

    [Fact]
    public async Task Decide_UnknownTask_IsNotFound()
    {
        Assert.Equal(DecisionStatus.NotFound, (await _host.DecideAsync("t-missing", "coordinator.almaty", DecisionKind.Approve)).Status);
    }

    [Fact]
    public async Task Reminder_FiresOnTheThirdWorkingDay()
    {
        var (_, caseId) = await StartAsync(_host, OneCoordinator());
        var start = _host.Now;

        await _host.Host.AdvanceToAsync(start.AddDays(3).AddMinutes(-1));
        Assert.DoesNotContain(_host.Notifier.Sent, n => n.CaseId == caseId && n.Kind == NotificationKind.Reminder);

        await _host.Host.AdvanceToAsync(start.AddDays(3));
        Assert.Contains(_host.Notifier.Sent, n => n.CaseId == caseId && n.Kind == NotificationKind.Reminder && n.RecipientId == "coordinator.almaty");
    }

    [Fact]
    public async Task Reminder_SkipsAHoliday()
    {
        var calendar = new WorkingCalendar { Holidays = [new DateOnly(2026, 1, 7)] };
        var (_, caseId) = await StartAsync(_host, OneCoordinator(), calendar: calendar);
        var start = _host.Now;

        await _host.Host.AdvanceToAsync(start.AddDays(3));
        Assert.DoesNotContain(_host.Notifier.Sent, n => n.CaseId == caseId && n.Kind == NotificationKind.Reminder);

        await _host.Host.AdvanceToAsync(start.AddDays(4));
        Assert.Contains(_host.Notifier.Sent, n => n.CaseId == caseId && n.Kind == NotificationKind.Reminder);
    }

    [Fact]
    public async Task Escalation_OnTheSixthWorkingDay_ReassignsToTheHeadOfRehabilitation()
    {
        var (id, caseId) = await StartAsync(_host, OneCoordinator());
        var start = _host.Now;

        await _host.Host.AdvanceToAsync(start.AddDays(7));
        Assert.Equal("coordinator.almaty", Assert.Single(await _host.OpenTasksOfCaseAsync(caseId)).AssigneeId);

        await _host.Host.AdvanceToAsync(start.AddDays(8));
        var task = Assert.Single(await _host.OpenTasksOfCaseAsync(caseId));
        Assert.Equal("headrehab.south", task.AssigneeId);
        Assert.Contains(_host.Notifier.Sent, n => n.Kind == NotificationKind.Escalation && n.RecipientId == "headrehab.south");
        Assert.Contains(_host.Audit.All, e => e.CaseId == caseId && e.Action == AuditActions.Escalated);

        await _host.DecideAsync(task.TaskId, "headrehab.south", DecisionKind.Approve);
        Assert.Equal(ApprovalResult.Approved, (await OutcomeAsync(_host, id)).Result);
    }

    [Fact]
    public async Task Delegate_TheDelegateDecidesOnBehalfOfTheAssignee()
    {
        var (id, caseId) = await StartAsync(_host, OneCoordinator());
        var task = Assert.Single(await _host.OpenTasksOfCaseAsync(caseId));

        var delegated = await _host.Decisions.DelegateAsync(task.TaskId, _host.Actor("coordinator.almaty"), "psychologist.almaty");
        await _host.Host.RunUntilIdleAsync();
        Assert.Equal(DecisionStatus.Recorded, delegated.Status);
        Assert.Contains(_host.Notifier.Sent, n => n.Kind == NotificationKind.Delegated && n.RecipientId == "psychologist.almaty");
        Assert.Single(await _host.Tasks.ListOpenForPersonAsync("psychologist.almaty"));

        await _host.DecideAsync(task.TaskId, "psychologist.almaty", DecisionKind.Approve);

        var decision = Assert.Single((await OutcomeAsync(_host, id)).Decisions);
        Assert.Equal(("psychologist.almaty", "coordinator.almaty"), (decision.ActorId, decision.OnBehalfOf));
    }

    [Fact]
    public async Task Delegate_TheDelegateJoinsTheCaseInTheTasksRoleSoTheyCanOpenIt()
    {
        var (_, caseId) = await StartAsync(_host, OneCoordinator());
        var task = Assert.Single(await _host.OpenTasksOfCaseAsync(caseId));
        var before = (await _host.Cases.GetAsync(caseId))!;
        Assert.False(CaseAccessPolicy.CanSee(_host.Actor("headrehab.south"), before, null));

        await _host.Decisions.DelegateAsync(task.TaskId, _host.Actor("coordinator.almaty"), "headrehab.south");

        var after = (await _host.Cases.GetAsync(caseId))!;
        Assert.Contains(new CaseParticipant("headrehab.south", task.Role), after.Participants);
        Assert.True(CaseAccessPolicy.CanSee(_host.Actor("headrehab.south"), after, null));
    }

    [Fact]
    public async Task Reassign_ByAnAdministrator_MovesTheTaskAndAuditsTheReason()
    {
        var (_, caseId) = await StartAsync(_host, OneCoordinator());
        var task = Assert.Single(await _host.OpenTasksOfCaseAsync(caseId));

        Assert.Equal(DecisionStatus.NotEntitled, (await _host.Decisions.ReassignAsync(task.TaskId, _host.Actor("director.almaty"), "deputy.almaty", "absent")).Status);
        Assert.Equal(DecisionStatus.Invalid, (await _host.Decisions.ReassignAsync(task.TaskId, _host.Actor("admin.central"), "deputy.almaty", " ")).Status);
        Assert.Equal(DecisionStatus.Recorded, (await _host.Decisions.ReassignAsync(task.TaskId, _host.Actor("admin.central"), "deputy.almaty", "coordinator on leave")).Status);
        await _host.Host.RunUntilIdleAsync();

        Assert.Equal("deputy.almaty", (await _host.Tasks.GetAsync(task.TaskId))!.AssigneeId);
        Assert.Contains(_host.Audit.All, e => e.Action == AuditActions.Reassigned && e.Reason == "coordinator on leave" && e.ActorId == "admin.central");
        Assert.Equal(DecisionStatus.NotEntitled, (await _host.DecideAsync(task.TaskId, "coordinator.almaty", DecisionKind.Approve)).Status);
        Assert.Equal(DecisionStatus.Recorded, (await _host.DecideAsync(task.TaskId, "deputy.almaty", DecisionKind.Approve)).Status);
    }

    [Fact]
    public async Task Withdraw_ByTheRequester_EndsTheStepAndCancelsItsTasks()
    {
        var (id, caseId) = await StartAsync(_host, OneCoordinator());
        var task = Assert.Single(await _host.OpenTasksOfCaseAsync(caseId));

        Assert.Equal(DecisionStatus.NotEntitled, (await _host.Decisions.WithdrawAsync(caseId, _host.Actor("coordinator.almaty"))).Status);
        Assert.Equal(DecisionStatus.Recorded, (await _host.Decisions.WithdrawAsync(caseId, _host.Actor("referrer.almaty"), "prisoner transferred")).Status);
        await _host.Host.RunUntilIdleAsync();

        Assert.Equal(ApprovalResult.Withdrawn, (await OutcomeAsync(_host, id)).Result);
        Assert.Equal(ApprovalTaskStatus.Cancelled, (await _host.Tasks.GetAsync(task.TaskId))!.Status);
        Assert.Equal(DecisionStatus.AlreadyDecided, (await _host.DecideAsync(task.TaskId, "coordinator.almaty", DecisionKind.Approve)).Status);
    }

    [Fact]
    public async Task ExhaustedChain_WithExpire_ExpiresTheStep()
    {
        var policy = OneCoordinator() with { Exhausted = new ExhaustedRule { At = Duration.WorkingDays(10) } };
        var (id, caseId) = await StartAsync(_host, policy);
        var task = Assert.Single(await _host.OpenTasksOfCaseAsync(caseId));

        await _host.Host.AdvanceAsync(TimeSpan.FromDays(13));
        await _host.AssertRunningAsync(id);
        await _host.Host.AdvanceAsync(TimeSpan.FromDays(1));

        Assert.Equal(ApprovalResult.Expired, (await OutcomeAsync(_host, id)).Result);
        Assert.Equal(ApprovalTaskStatus.Expired, (await _host.Tasks.GetAsync(task.TaskId))!.Status);
    }

    [Fact]
    public async Task ExhaustedChain_WithADefaultAuthority_DecidesInItsName()
    {
        var policy = OneCoordinator() with { Exhausted = new ExhaustedRule { At = Duration.Days(20), Action = ExhaustedAction.Decide, Approve = false, AuthorityRole = Roles.CentralAdministration } };
        var (id, caseId) = await StartAsync(_host, policy);

        await _host.Host.AdvanceAsync(TimeSpan.FromDays(20));

        var outcome = await OutcomeAsync(_host, id);
        Assert.Equal((ApprovalResult.Rejected, Roles.CentralAdministration), (outcome.Result, outcome.SettledBy));
        Assert.Contains(_host.Audit.All, e => e.CaseId == caseId && e.Action == AuditActions.DefaultDecision);
    }

    [Fact]
    public async Task ExpiresAt_EndsTheStepAtThatTime()
    {
        var (id, _) = await StartAsync(_host, OneCoordinator(), expiresAt: _host.Now.AddDays(2));

        await _host.Host.AdvanceAsync(TimeSpan.FromDays(2));

        Assert.Equal(ApprovalResult.Expired, (await OutcomeAsync(_host, id)).Result);
    }

    [Fact]
    public async Task ReturnForClarification_WaitsForTheRequester_ThenReopensWithANewDeadline()
    {
        var (id, caseId) = await StartAsync(_host, OneCoordinator());
        var task = Assert.Single(await _host.OpenTasksOfCaseAsync(caseId));
        await _host.Host.AdvanceAsync(TimeSpan.FromDays(2));

        Assert.Equal(DecisionStatus.Recorded, (await _host.DecideAsync(task.TaskId, "coordinator.almaty", DecisionKind.ReturnForClarification, "Which incident?")).Status);
        var clarification = Assert.Single(await _host.OpenTasksOfCaseAsync(caseId));
        Assert.Equal((ApprovalTaskKind.Clarification, "referrer.almaty"), (clarification.Kind, clarification.AssigneeId));
        Assert.Contains(_host.Notifier.Sent, n => n.Kind == NotificationKind.ClarificationRequested && n.RecipientId == "referrer.almaty");
        Assert.Contains(Roles.Requester, (await _host.StatusAsync(id)).WaitingOnRoles);

        await _host.Host.AdvanceAsync(TimeSpan.FromDays(1));
        Assert.Equal(DecisionStatus.Recorded, (await _host.Decisions.AnswerClarificationAsync(clarification.TaskId, _host.Actor("referrer.almaty"), "The incident of 3 January.")).Status);
        await _host.Host.RunUntilIdleAsync();

        var reopened = Assert.Single(await _host.OpenTasksOfCaseAsync(caseId));
        Assert.Equal(task.TaskId, reopened.TaskId);
        Assert.Equal(_host.Now.AddDays(7), reopened.Due);
        await _host.DecideAsync(task.TaskId, "coordinator.almaty", DecisionKind.Approve);
        Assert.Equal(ApprovalResult.Approved, (await OutcomeAsync(_host, id)).Result);
    }

    [Fact]
    public async Task ReturnForClarification_Unanswered_Lapses()
    {
        var (id, caseId) = await StartAsync(_host, OneCoordinator());
        var task = Assert.Single(await _host.OpenTasksOfCaseAsync(caseId));
        await _host.DecideAsync(task.TaskId, "coordinator.almaty", DecisionKind.ReturnForClarification, "Which incident?");

        await _host.Host.AdvanceAsync(TimeSpan.FromDays(8));

        Assert.Equal(ApprovalResult.Expired, (await OutcomeAsync(_host, id)).Result);
    }

    [Fact]
    public async Task CustomStatus_ShowsStepDeadlineTasksAndRoles()
    {
        var (id, caseId) = await StartAsync(_host, OneCoordinator());
        var task = Assert.Single(await _host.OpenTasksOfCaseAsync(caseId));

        var status = await _host.StatusAsync(id);

        Assert.Equal("testStep", status.Step);
        Assert.Equal(_host.Now.AddDays(7), status.NextDeadline);
        Assert.Equal([task.TaskId], status.WaitingOnTaskIds);
        Assert.Equal([Roles.ProgrammeCoordinator], status.WaitingOnRoles);
    }

    [Fact]
    public async Task Queries_ListInboxOverdueAndCounts()
    {
        var (_, caseId) = await StartAsync(_host, OneCoordinator());
        var task = Assert.Single(await _host.OpenTasksOfCaseAsync(caseId));

        Assert.Contains(await _host.Tasks.ListOpenForPersonAsync("coordinator.almaty"), t => t.TaskId == task.TaskId);
        Assert.Contains(await _host.Tasks.ListDueBetweenAsync(_host.Now, _host.Now.AddDays(8)), t => t.TaskId == task.TaskId);
        Assert.DoesNotContain(await _host.Tasks.ListOverdueAsync(_host.Now), t => t.TaskId == task.TaskId);
        await _host.Host.AdvanceAsync(TimeSpan.FromDays(7.5));
        Assert.Contains(await _host.Tasks.ListOverdueAsync(_host.Now), t => t.TaskId == task.TaskId);
        Assert.Contains(await _host.Tasks.CountByWorkflowAndStatusAsync(), c => c is { Workflow: "referral", Status: ApprovalTaskStatus.Open, Count: 1 });
    }
}
