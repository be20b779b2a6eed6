using Workflows.Approvals;
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
    public async Task Complaint_AcknowledgedThenDecided_TellsTheComplainantInTheirLanguage()
    {
        await SubmitAsync();
        await _host.DecideOpenAsync(_caseId, "complaints.almaty", DecisionKind.Approve);
        Assert.Contains(_host.Notifier.Sent, n => n.Kind == NotificationKind.DecisionNotice && n.RecipientId == "P-77" && n.Code == "Acknowledged" && n.Language == "ar");

        await _host.DecideOpenAsync(_caseId, "complaints.almaty", DecisionKind.Approve);

        Assert.Equal("Upheld", (await _host.Host.GetOutputAsync<WorkflowResult>(_instanceId))!.Outcome);
        Assert.Contains(_host.Notifier.Sent, n => n.Kind == NotificationKind.DecisionNotice && n.Code == "Upheld" && n.ChallengeRoute == "ombudsperson");
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
}
