using Workflows.Approvals;
using Workflows.CsoAccess;
using Workflows.Tests.Support;
using static Workflows.Tests.Support.ExactTime;

namespace Workflows.Tests.CsoAccess;

/// <summary>Per-visit requests under an active permit: 3 working days' notice, or an emergency the director approves first.</summary>
public sealed class CsoVisitTests : IAsyncLifetime
{
    private readonly DomainHost _host;
    private readonly CsoDriver _cso;

    public CsoVisitTests()
    {
        _host = DomainHost.Create();
        _cso = new CsoDriver(_host);
    }

    public async ValueTask InitializeAsync() => await _cso.GrantAsync();

    public ValueTask DisposeAsync() => _host.DisposeAsync();

    private async Task<string> OutcomeAsync(string instanceId) => (await _host.Host.GetOutputAsync<WorkflowResult>(instanceId))!.Outcome;

    [Fact]
    public async Task Visit_NeedsThreeWorkingDaysNotice_CountedOverTheNauryzHolidays()
    {
        // Friday 20 March 2026; 23 and 24 March are holidays: three working days ahead is Friday 27 March, 9:00.
        await _host.Host.AdvanceToAsync(On(2026, 3, 20));

        var tooSoon = await _cso.VisitAsync(On(2026, 3, 27, 8, 59));
        Assert.Contains(tooSoon.Errors!, e => e is { Field: "visitAt", Code: ErrorCodes.TooSoon });
        var inTime = await _cso.VisitAsync(On(2026, 3, 27));
        await _host.Host.RunUntilIdleAsync();

        Assert.Equal(IntakeStatus.Started, inTime.Status);
        await _host.DecideAllAsync(_cso.CaseId, "security.almaty", step: "visitRequest");
        Assert.Equal("visitScheduled", (await _host.StatusAsync(inTime.InstanceId!)).Step);
        await _host.Host.AdvanceToAsync(On(2026, 3, 27));
        Assert.Equal("VisitApproved", await OutcomeAsync(inTime.InstanceId!));
    }

    [Fact]
    public async Task Visit_NotDecidedBeforeItsTime_Expires()
    {
        var visit = await _cso.VisitAsync(_host.Now.AddDays(7));
        await _host.Host.RunUntilIdleAsync();

        await _host.Host.AdvanceAsync(TimeSpan.FromDays(7));

        Assert.Equal("VisitExpired", await OutcomeAsync(visit.InstanceId!));
        Assert.Empty(await _host.OpenTasksAsync(_cso.CaseId, "visitRequest"));
    }

    [Fact]
    public async Task EmergencyVisit_ApprovedByTheDirector_ThenTheDutySecurityOfficer_IsApproved()
    {
        var visitAt = _host.Now.AddHours(6);
        var emergency = await _cso.VisitAsync(visitAt, emergency: true);
        await _host.Host.RunUntilIdleAsync();
        Assert.Equal(IntakeStatus.Started, emergency.Status);
        Assert.Empty(await _host.OpenTasksAsync(_cso.CaseId, "visitRequest"));

        await _host.DecideAllAsync(_cso.CaseId, "director.almaty", step: "visitEmergency");
        Assert.Equal("security.almaty", Assert.Single(await _host.OpenTasksAsync(_cso.CaseId, "visitRequest")).AssigneeId);
        await _host.DecideAllAsync(_cso.CaseId, "security.almaty", step: "visitRequest");

        await _host.Host.AdvanceToAsync(visitAt);
        Assert.Equal("VisitApproved", await OutcomeAsync(emergency.InstanceId!));
    }

    [Fact]
    public async Task EmergencyVisit_RefusedByTheDirector_NeverReachesSecurity()
    {
        var emergency = await _cso.VisitAsync(_host.Now.AddHours(6), emergency: true);
        await _host.Host.RunUntilIdleAsync();

        await _host.DecideAllAsync(_cso.CaseId, "director.almaty", DecisionKind.Reject, "visitEmergency");

        Assert.Equal("VisitRejected", await OutcomeAsync(emergency.InstanceId!));
        Assert.Empty(await _host.OpenTasksAsync(_cso.CaseId, "visitRequest"));
    }

    [Fact]
    public async Task EmergencyVisit_TheDirectorDoesNotAnswerBeforeTheVisit_Expires()
    {
        var emergency = await _cso.VisitAsync(_host.Now.AddHours(6), emergency: true);
        await _host.Host.RunUntilIdleAsync();

        await _host.Host.AdvanceAsync(TimeSpan.FromHours(6));

        Assert.Equal("VisitExpired", await OutcomeAsync(emergency.InstanceId!));
    }

    [Fact]
    public async Task Visit_WithdrawnByTheRequester_EndsWithdrawn()
    {
        var visit = await _cso.VisitAsync(_host.Now.AddDays(7), requester: "staff1.cso-bridge");
        await _host.Host.RunUntilIdleAsync();

        Assert.Equal(DecisionStatus.Recorded, (await _host.Decisions.WithdrawAsync(_cso.CaseId, _host.Actor("staff1.cso-bridge"), "Session cancelled.")).Status);
        await _host.Host.RunUntilIdleAsync();

        Assert.Equal("VisitWithdrawn", await OutcomeAsync(visit.InstanceId!));
    }

    [Fact]
    public async Task Suspension_WithdrawsAVisitRequestStillPending_AuditedAndTheCsoTold()
    {
        var visit = await _cso.VisitAsync(_host.Now.AddDays(7));
        await _host.Host.RunUntilIdleAsync();
        Assert.Single(await _host.OpenTasksAsync(_cso.CaseId, "visitRequest"));

        await _cso.SuspendAsync();

        Assert.Equal(CsoVisitOrchestration.Withdrawn, await OutcomeAsync(visit.InstanceId!));
        Assert.Empty(await _host.OpenTasksAsync(_cso.CaseId, "visitRequest"));
        Assert.Contains(await _host.Audit.ReadAsync(_cso.CaseId), e => e.Reason == CsoVisitOrchestration.Withdrawn);
        Assert.Contains(_host.Notifier.Sent, n => n.Code == CsoVisitOrchestration.Withdrawn && n.RecipientId == CsoDriver.FocalPoint);
    }

    [Fact]
    public async Task Suspension_CancelsAnApprovedFutureVisit_AuditedAndTheCsoTold()
    {
        var visit = await _cso.VisitAsync(_host.Now.AddDays(7));
        await _host.Host.RunUntilIdleAsync();
        await _host.DecideAllAsync(_cso.CaseId, "security.almaty", step: "visitRequest");

        await _cso.SuspendAsync();

        Assert.Equal(CsoVisitOrchestration.Cancelled, await OutcomeAsync(visit.InstanceId!));
        Assert.Contains(await _host.Audit.ReadAsync(_cso.CaseId), e => e.Reason == CsoVisitOrchestration.Cancelled);
        Assert.Contains(_host.Notifier.Sent, n => n.Code == CsoVisitOrchestration.Cancelled && n.RecipientId == CsoDriver.FocalPoint);
    }

    [Fact]
    public async Task Suspension_LeavesAVisitThatAlreadyTookPlace_AsApproved()
    {
        var visitAt = _host.Now.AddDays(7);
        var visit = await _cso.VisitAsync(visitAt);
        await _host.Host.RunUntilIdleAsync();
        await _host.DecideAllAsync(_cso.CaseId, "security.almaty", step: "visitRequest");
        await _host.Host.AdvanceToAsync(visitAt.AddDays(1));

        await _cso.SuspendAsync();

        Assert.Equal("VisitApproved", await OutcomeAsync(visit.InstanceId!));
        Assert.DoesNotContain(_host.Notifier.Sent, n => n.Code == CsoVisitOrchestration.Cancelled);
    }

    [Fact]
    public async Task Visit_ByStaffNotNamedInThePermit_IsRefused()
    {
        var result = await _cso.Service.RequestVisitAsync(_cso.CaseId, new Workflows.CsoAccess.CsoVisitRequest { FacilityId = "almaty", VisitAt = _host.Now.AddDays(10), StaffIds = ["staff9.cso-bridge"] }, _host.Actor(CsoDriver.FocalPoint));

        Assert.Contains(result.Errors!, e => e is { Field: "staffIds", Code: ErrorCodes.NotAllowed });
    }
}
