using Workflows.Approvals;
using Workflows.Audit;
using Workflows.Complaints;
using Workflows.Notifications;
using Workflows.Tests.Support;

namespace Workflows.Tests.Complaints;

public sealed class ComplaintTests : IAsyncLifetime
{
    private readonly DomainHost _host = DomainHost.Create();
    private string _caseId = string.Empty;
    private string _instanceId = string.Empty;

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public ValueTask DisposeAsync() => _host.DisposeAsync();

    private async Task SubmitAsync(bool confidential = false, string[]? concerned = null)
    {
        var result = await _host.Service<ComplaintService>().SubmitAsync(
            new ComplaintRequest { ComplainantId = "P-77", FacilityId = "almaty", Category = "treatment-by-staff", Description = "Denied a family call twice.", Confidential = confidential, ConcernedStaffIds = concerned ?? [], Language = "ar" },
            _host.Actor("socialworker.almaty"));
        Assert.Equal(IntakeStatus.Started, result.Status);
        (_caseId, _instanceId) = (result.CaseId!, result.InstanceId!);
        await _host.Host.RunUntilIdleAsync();
    }

    [Fact]
    public async Task Submit_WithoutDescriptionOrCategory_IsInvalid()
    {
        var result = await _host.Service<ComplaintService>().SubmitAsync(new ComplaintRequest { ComplainantId = "P-1", FacilityId = "almaty", Category = "nationality" }, _host.Actor("socialworker.almaty"));

        Assert.Contains(result.Errors!, e => e is { Field: "description", Code: ErrorCodes.Required });
        Assert.Contains(result.Errors!, e => e is { Field: "category", Code: ErrorCodes.ForbiddenReasonCode });
    }

    [Fact]
    public async Task Submit_ByAnInspector_IsNotEntitled_BecauseInspectorsOnlyRead()
    {
        var result = await _host.Service<ComplaintService>().SubmitAsync(
            new ComplaintRequest { ComplainantId = "P-78", FacilityId = "almaty", Category = "treatment-by-staff", Description = "Denied a family call.", Language = "ru" },
            _host.Actor("inspector.central"));

        Assert.Equal(IntakeStatus.NotEntitled, result.Status);
    }

    [Fact]
    public async Task Complaint_AcknowledgedThenDecided_TellsTheComplainantInTheirLanguage()
    {
        await SubmitAsync();
        await _host.DecideOpenAsync(_caseId, "complaints.almaty", DecisionKind.Approve);
        Assert.Contains(_host.Notifier.Sent, n => n.Kind == NotificationKind.DecisionNotice && n.RecipientId == "P-77" && n.Code == "Acknowledged" && n.Language == "ar");

        await _host.DecideOpenAsync(_caseId, "complaints.almaty", DecisionKind.Approve);

        Assert.Equal("Upheld", (await _host.Host.GetOutputAsync<WorkflowResult>(_instanceId))!.Outcome);
        Assert.Contains(_host.Notifier.Sent, n => n.Kind == NotificationKind.DecisionNotice && n.Code == "Upheld" && n.ChallengeRoute == "ombudsperson");
    }

    private bool NoticeToComplainant(string code) =>
        _host.Notifier.Sent.Any(n => n.Kind == NotificationKind.DecisionNotice && n.CaseId == _caseId && n.RecipientId == "P-77" && n.Code == code && n.ChallengeRoute == "ombudsperson");

    [Fact]
    public async Task Decision_Rejected_IsNotUpheld_AndTellsTheComplainantTheWayToTheOmbudsperson()
    {
        await SubmitAsync();
        await _host.DecideOpenAsync(_caseId, "complaints.almaty", DecisionKind.Approve);

        await _host.DecideOpenAsync(_caseId, "complaints.almaty", DecisionKind.Reject, "Both calls were offered; the complainant declined.");

        Assert.Equal(ComplaintOutcomes.NotUpheld, (await _host.Host.GetOutputAsync<WorkflowResult>(_instanceId))!.Outcome);
        Assert.True(NoticeToComplainant(ComplaintOutcomes.NotUpheld));
        Assert.Empty(await _host.OpenTasksOfCaseAsync(_caseId));
    }

    [Fact]
    public async Task Withdrawal_ByTheStaffMemberWhoSubmittedIt_EndsTheComplaintWithoutADecisionNotice()
    {
        await SubmitAsync();
        await _host.DecideOpenAsync(_caseId, "complaints.almaty", DecisionKind.Approve);

        Assert.Equal(DecisionStatus.NotEntitled, (await _host.Decisions.WithdrawAsync(_caseId, _host.Actor("complaints.almaty"), "resolved")).Status);
        Assert.Equal(DecisionStatus.Recorded, (await _host.Decisions.WithdrawAsync(_caseId, _host.Actor("socialworker.almaty"), "the complainant withdrew it")).Status);
        await _host.Host.RunUntilIdleAsync();

        Assert.Equal(ComplaintOutcomes.Withdrawn, (await _host.Host.GetOutputAsync<WorkflowResult>(_instanceId))!.Outcome);
        Assert.DoesNotContain(_host.Notifier.Sent, n => n.Kind == NotificationKind.DecisionNotice && n.CaseId == _caseId && n.Code != "Acknowledged");
        Assert.Equal(ApprovalTaskStatus.Cancelled, Assert.Single(await _host.Tasks.ListByCaseAsync(_caseId), t => t.Step == "decision").Status);
        Assert.Contains(_host.Audit.All, e => e.CaseId == _caseId && e.Action == AuditActions.Withdrawn && e.ActorId == "socialworker.almaty");
    }

    [Fact]
    public async Task Acknowledgement_NotGivenWithin72Hours_IsSentByDefaultInTheComplaintsOfficersName()
    {
        await SubmitAsync();
        var submitted = _host.Now;

        await _host.Host.AdvanceToAsync(submitted.AddHours(72).AddMinutes(-1));
        Assert.False(NoticeToComplainant("Acknowledged"));
        await _host.Host.AdvanceToAsync(submitted.AddHours(72));

        Assert.True(NoticeToComplainant("Acknowledged"));
        Assert.Contains(_host.Audit.All, e => e.CaseId == _caseId && e.Action == AuditActions.DefaultDecision && e.Role == Roles.ComplaintsOfficer);
        Assert.Single(await _host.OpenTasksAsync(_caseId, "decision"));
    }

    [Fact]
    public async Task Decision_ExhaustedChainAtDay44_ExpiresAsNotDecidedInTime_NotAsARejection()
    {
        await SubmitAsync();
        var submitted = _host.Now;
        await _host.DecideOpenAsync(_caseId, "complaints.almaty", DecisionKind.Approve);
        var task = Assert.Single(await _host.OpenTasksAsync(_caseId, "decision"));

        await _host.Host.AdvanceToAsync(submitted.AddDays(44).AddMinutes(-1));
        Assert.Equal("centraladmin.central", Assert.Single(await _host.OpenTasksAsync(_caseId, "decision")).AssigneeId);
        await _host.Host.AdvanceToAsync(submitted.AddDays(44));

        Assert.Equal(ComplaintOutcomes.NotDecidedInTime, (await _host.Host.GetOutputAsync<WorkflowResult>(_instanceId))!.Outcome);
        Assert.True(NoticeToComplainant(ComplaintOutcomes.NotDecidedInTime));
        Assert.False(NoticeToComplainant(ComplaintOutcomes.NotUpheld));
        Assert.Equal(ApprovalTaskStatus.Expired, (await _host.Tasks.GetAsync(task.TaskId))!.Status);
        Assert.Contains(_host.Notifier.Sent, n => n.Kind == NotificationKind.Alert && n.Code == "StepExpired" && n.RecipientId == "headcentral.central");
    }

    [Fact]
    public async Task InputsAndCustomStatus_HoldNoPersonalDataOfTheComplaint()
    {
        await SubmitAsync(confidential: true, concerned: ["director.almaty"]);
        var snapshots = new WorkflowSnapshots(_host, _caseId);
        await snapshots.TakeAsync();
        await _host.DecideOpenAsync(_caseId, "complaints.almaty", DecisionKind.Approve);
        await snapshots.TakeAsync();
        await _host.Host.AdvanceAsync(TimeSpan.FromDays(14));
        await snapshots.TakeAsync();

        Assert.Contains(await _host.Cases.ReadSectionsAsync(_caseId), s => s.Data.GetRawText().Contains("Denied a family call", StringComparison.Ordinal));
        Assert.True(snapshots.Statuses >= 3, $"only {snapshots.Statuses} statuses seen");
        snapshots.AssertNoneHolds("P-77", "Denied a family call");
    }

    [Fact]
    public async Task Acknowledgement_Overdue_At48Hours_NotifiesTheDirector()
    {
        await SubmitAsync();

        await _host.Host.AdvanceAsync(TimeSpan.FromHours(47));
        Assert.DoesNotContain(_host.Notifier.Sent, n => n.Kind == NotificationKind.Escalation && n.RecipientId == "director.almaty");
        await _host.Host.AdvanceAsync(TimeSpan.FromHours(1));

        Assert.Contains(_host.Notifier.Sent, n => n.Kind == NotificationKind.Escalation && n.RecipientId == "director.almaty");
    }

    [Fact]
    public async Task Decision_EscalatesToTheCentralLevelAtDay14FromSubmission()
    {
        await SubmitAsync();
        await _host.Host.AdvanceAsync(TimeSpan.FromDays(2));
        await _host.DecideOpenAsync(_caseId, "complaints.almaty", DecisionKind.Approve);

        await _host.Host.AdvanceAsync(TimeSpan.FromDays(11.9));
        Assert.Equal("complaints.almaty", Assert.Single(await _host.OpenTasksAsync(_caseId, "decision")).AssigneeId);
        await _host.Host.AdvanceAsync(TimeSpan.FromDays(0.1));

        Assert.Equal("centraladmin.central", Assert.Single(await _host.OpenTasksAsync(_caseId, "decision")).AssigneeId);
    }

    [Fact]
    public async Task Confidential_IsHiddenFromTheStaffItConcerns_WhoNeverHandleIt()
    {
        await SubmitAsync(confidential: true, concerned: ["complaints.almaty", "director.almaty"]);

        var task = Assert.Single(await _host.OpenTasksOfCaseAsync(_caseId));
        Assert.NotEqual("complaints.almaty", task.AssigneeId);
        Assert.Null(await _host.CaseReader.ReadAsync(_caseId, _host.Actor("director.almaty")));
        Assert.Null(await _host.CaseReader.ReadAsync(_caseId, _host.Actor("complaints.almaty")));
        Assert.NotNull(await _host.CaseReader.ReadAsync(_caseId, _host.Actor("socialworker.almaty")));

        await _host.Host.AdvanceAsync(TimeSpan.FromHours(48));
        Assert.DoesNotContain(_host.Notifier.Sent, n => n.RecipientId == "director.almaty" && n.CaseId == _caseId);
    }

    private bool ReminderSent(string step) =>
        _host.Notifier.Sent.Any(n => n.Kind == NotificationKind.Reminder && n.CaseId == _caseId && n.Step == step && n.RecipientId == "complaints.almaty");

    [Fact]
    public async Task Acknowledgement_RemindsTheOfficerAt24HoursAfterSubmission()
    {
        await SubmitAsync();
        var submitted = _host.Now;

        await _host.Host.AdvanceToAsync(submitted.AddHours(24).AddMinutes(-1));
        Assert.False(ReminderSent("acknowledgement"));
        await _host.Host.AdvanceToAsync(submitted.AddHours(24));

        Assert.True(ReminderSent("acknowledgement"));
    }

    [Fact]
    public async Task Decision_RemindsTheOfficerOnDay10AfterSubmission()
    {
        await SubmitAsync();
        var submitted = _host.Now;
        await _host.Host.AdvanceAsync(TimeSpan.FromDays(1));
        await _host.DecideOpenAsync(_caseId, "complaints.almaty", DecisionKind.Approve);

        await _host.Host.AdvanceToAsync(submitted.AddDays(10).AddMinutes(-1));
        Assert.False(ReminderSent("decision"));
        await _host.Host.AdvanceToAsync(submitted.AddDays(10));

        Assert.True(ReminderSent("decision"));
    }

    [Fact]
    public async Task Decision_DelegatedByTheOfficer_IsDecidedByTheDelegateOnTheirBehalf()
    {
        await SubmitAsync();
        await _host.DecideOpenAsync(_caseId, "complaints.almaty", DecisionKind.Approve);
        var task = Assert.Single(await _host.OpenTasksAsync(_caseId, "decision"));

        Assert.Equal(DecisionStatus.Recorded, (await _host.Decisions.DelegateAsync(task.TaskId, _host.Actor("complaints.almaty"), "psychologist.almaty", "On leave.")).Status);
        await _host.Host.RunUntilIdleAsync();
        Assert.Equal(DecisionStatus.Recorded, (await _host.DecideAsync(task.TaskId, "psychologist.almaty", DecisionKind.Approve)).Status);

        Assert.Equal(ComplaintOutcomes.Upheld, (await _host.Host.GetOutputAsync<WorkflowResult>(_instanceId))!.Outcome);
        Assert.Contains(_host.Audit.All, e => e is { Action: AuditActions.DecisionRecorded, ActorId: "psychologist.almaty", OnBehalfOf: "complaints.almaty" } && e.CaseId == _caseId);
        Assert.NotNull(await _host.CaseReader.ReadAsync(_caseId, _host.Actor("psychologist.almaty")));
    }

    [Fact]
    public async Task Delegation_ToStaffTheComplaintConcerns_IsRefused()
    {
        await SubmitAsync(concerned: ["psychologist.almaty"]);
        var task = Assert.Single(await _host.OpenTasksAsync(_caseId, "acknowledgement"));

        var result = await _host.Decisions.DelegateAsync(task.TaskId, _host.Actor("complaints.almaty"), "psychologist.almaty");

        Assert.Equal(DecisionStatus.Invalid, result.Status);
        Assert.Contains(result.Errors!, e => e is { Field: "delegateId", Code: ErrorCodes.NotAllowed });
        Assert.Null((await _host.Tasks.GetAsync(task.TaskId))!.DelegateId);
    }
}
