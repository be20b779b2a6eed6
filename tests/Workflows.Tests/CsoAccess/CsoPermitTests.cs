using Workflows.Approvals;
using Workflows.CsoAccess;
using Workflows.Notifications;
using Workflows.Tests.Support;
using static Workflows.Tests.Support.ExactTime;

namespace Workflows.Tests.CsoAccess;

/// <summary>
/// The permit phase: staff added later, renewal, suspension, and how they race each other and the
/// permit's own timers (the permit granted on 5 January 2026 runs until 5 January 2027).
/// </summary>
public sealed class CsoPermitTests : IAsyncLifetime
{
    private readonly DomainHost _host;
    private readonly CsoDriver _cso;

    public CsoPermitTests()
    {
        _host = DomainHost.Create();
        _cso = new CsoDriver(_host);
    }

    public async ValueTask InitializeAsync() => await _cso.GrantAsync();

    public ValueTask DisposeAsync() => _host.DisposeAsync();

    private async Task ApproveStaffAdditionAsync()
    {
        await _host.DecideAllAsync(_cso.CaseId, CsoDriver.FocalPoint, step: "staffAddition");
        await _host.DecideAllAsync(_cso.CaseId, "natsec.central", step: "staffAddition");
        await _host.DecideAllAsync(_cso.CaseId, "partnerships.central", step: "staffAddition");
    }

    [Fact]
    public async Task StaffAddedLater_GoesFocalPointThenSecurityThenCentralUnit()
    {
        await _cso.RequestStaffAsync("staff3.cso-bridge");
        Assert.Equal(CsoDriver.FocalPoint, Assert.Single(await _host.OpenTasksAsync(_cso.CaseId, "staffAddition")).AssigneeId);
        await _host.DecideAllAsync(_cso.CaseId, CsoDriver.FocalPoint, step: "staffAddition");
        Assert.Equal("natsec.central", Assert.Single(await _host.OpenTasksAsync(_cso.CaseId, "staffAddition")).AssigneeId);
        await _host.DecideAllAsync(_cso.CaseId, "natsec.central", step: "staffAddition");
        await _host.DecideAllAsync(_cso.CaseId, "partnerships.central", step: "staffAddition");

        var staff = (await _host.Cases.ReadSectionsAsync(_cso.CaseId)).Single(s => s.Name == "accessAgreement-staff");
        Assert.Equal(3, staff.Data.GetProperty("staff").GetArrayLength());
        Assert.Contains("staff3.cso-bridge", (await _cso.PermitAsync()).Staff);
        Assert.Equal("permit", (await _host.StatusAsync(_cso.InstanceId)).Step);
    }

    [Fact]
    public async Task StaffAddition_WithoutAStaffId_IsRefused()
    {
        var result = await _cso.Service.RequestStaffAdditionAsync(_cso.CaseId, " ", _host.Actor(CsoDriver.FocalPoint));

        Assert.Contains(result.Errors!, e => e is { Field: "staffId", Code: ErrorCodes.Required });
    }

    [Fact]
    public async Task Suspension_WhileAStaffAdditionIsPending_TakesEffectAtOnce_AndTheAdditionCarriesOn()
    {
        await _cso.RequestStaffAsync("staff3.cso-bridge");
        await _host.DecideAllAsync(_cso.CaseId, CsoDriver.FocalPoint, step: "staffAddition");

        Assert.Equal(DecisionStatus.Recorded, (await _cso.SuspendAsync()).Status);

        Assert.Equal(CsoOutcomes.Suspended, await _cso.StatusAsync());
        Assert.Single(await _host.OpenTasksAsync(_cso.CaseId, "suspensionConfirmation"));
        Assert.Single(await _host.OpenTasksAsync(_cso.CaseId, "staffAddition"));
        Assert.Equal("suspended", (await _host.StatusAsync(_cso.InstanceId)).Step);
        var visit = await _cso.VisitAsync(_host.Now.AddDays(10));
        Assert.Contains(visit.Errors!, e => e is { Field: "caseId", Code: ErrorCodes.NotAllowed });

        await _host.DecideAllAsync(_cso.CaseId, "natsec.central", step: "staffAddition");
        await _host.DecideAllAsync(_cso.CaseId, "partnerships.central", step: "staffAddition");
        Assert.Contains("staff3.cso-bridge", (await _cso.PermitAsync()).Staff);
        Assert.Equal(CsoOutcomes.Suspended, await _cso.StatusAsync());
    }

    [Fact]
    public async Task Suspension_WhileARenewalIsPending_TakesEffectAtOnce()
    {
        await _cso.RequestRenewalAsync();

        await _cso.SuspendAsync();

        Assert.Equal(CsoOutcomes.Suspended, await _cso.StatusAsync());
        Assert.Single(await _host.OpenTasksAsync(_cso.CaseId, "renewal"));
        Assert.Single(await _host.OpenTasksAsync(_cso.CaseId, "suspensionConfirmation"));
    }

    [Fact]
    public async Task StaffAdded_WhileARenewalIsPending_MayVisitAtOnce()
    {
        await _cso.RequestRenewalAsync();
        await _cso.RequestStaffAsync("staff3.cso-bridge");
        await ApproveStaffAdditionAsync();

        var visit = await _cso.Service.RequestVisitAsync(_cso.CaseId, new CsoVisitRequest { FacilityId = "almaty", VisitAt = _host.Now.AddDays(10), StaffIds = ["staff3.cso-bridge"] }, _host.Actor(CsoDriver.FocalPoint));

        Assert.Equal(IntakeStatus.Started, visit.Status);
        Assert.Single(await _host.OpenTasksAsync(_cso.CaseId, "renewal"));
    }

    [Fact]
    public async Task Suspension_ConfirmedThenDecided_RevokesThePermit_AndWithdrawsAPendingRequest()
    {
        await _cso.RequestStaffAsync("staff3.cso-bridge");
        await _cso.SuspendAsync();
        await _host.DecideAllAsync(_cso.CaseId, "centraladmin.central");
        Assert.Equal(DecisionStatus.Recorded, (await _cso.Service.RespondToSuspensionAsync(_cso.CaseId, _host.Actor(CsoDriver.FocalPoint), "We dismissed the staff member.")).Status);
        await _host.Host.RunUntilIdleAsync();

        var final = Assert.Single(await _host.OpenTasksAsync(_cso.CaseId, "suspensionFinal"));
        Assert.Contains("centraladmin.central", final.ExcludedUserIds);
        await _host.DecideAllAsync(_cso.CaseId, "headcentral.central", step: "suspensionFinal");

        Assert.Equal(CsoOutcomes.Revoked, await _cso.OutcomeAsync());
        Assert.Contains(_host.Notifier.Sent, n => n.Kind == NotificationKind.Outcome && n.Code == CsoOutcomes.Revoked);
        Assert.Empty(await _host.OpenTasksOfCaseAsync(_cso.CaseId));
        Assert.Equal(ApprovalTaskStatus.Cancelled, (await _host.Tasks.ListByCaseAsync(_cso.CaseId)).Single(t => t.Step == "staffAddition").Status);
    }

    [Fact]
    public async Task Suspension_RejectedByTheFinalDecision_IsLifted_AndVisitsAreAcceptedAgain()
    {
        await _cso.SuspendAsync();
        await _host.DecideAllAsync(_cso.CaseId, "centraladmin.central");
        await _cso.Service.RespondToSuspensionAsync(_cso.CaseId, _host.Actor(CsoDriver.FocalPoint), "The incident involved no CSO staff.");
        await _host.Host.RunUntilIdleAsync();

        await _host.DecideAllAsync(_cso.CaseId, "headcentral.central", DecisionKind.Reject, "suspensionFinal");

        Assert.Equal(CsoOutcomes.PermitActive, await _cso.StatusAsync());
        Assert.Equal("permit", (await _host.StatusAsync(_cso.InstanceId)).Step);
        Assert.Equal(IntakeStatus.Started, (await _cso.VisitAsync(_host.Now.AddDays(10))).Status);
    }

    [Fact]
    public async Task Suspension_CannotBeWithdrawnByTheCso()
    {
        await _cso.SuspendAsync();

        Assert.Equal(DecisionStatus.NotEntitled, (await _host.Decisions.WithdrawAsync(_cso.CaseId, _host.Actor(CsoDriver.FocalPoint))).Status);
        Assert.Equal(DecisionStatus.NotEntitled, (await _cso.SuspendAsync("director.kostanay")).Status);
    }

    [Fact]
    public async Task SecondIncident_WhileSuspended_IsRecorded_WithoutASecondSuspension()
    {
        await _cso.SuspendAsync();

        await _cso.SuspendAsync();

        Assert.Single(await _host.OpenTasksAsync(_cso.CaseId, "suspensionConfirmation"));
        Assert.Contains(await _host.Audit.ReadAsync(_cso.CaseId), e => e.Reason == "FurtherIncidentWhileSuspended");
    }

    [Fact]
    public async Task Response_WithoutASuspension_IsRefused()
    {
        var result = await _cso.Service.RespondToSuspensionAsync(_cso.CaseId, _host.Actor(CsoDriver.FocalPoint), "Nothing to answer.");

        Assert.Contains(result.Errors!, e => e is { Field: "caseId", Code: ErrorCodes.NotAllowed });
    }

    [Fact]
    public async Task Expiry_WhileARenewalIsPending_EndsAccess_AndWithdrawsTheRenewal()
    {
        await _host.Host.AdvanceToAsync(On(2026, 12, 28));
        await _cso.RequestRenewalAsync();
        Assert.Single(await _host.OpenTasksAsync(_cso.CaseId, "renewal"));

        await FiresAtAsync(_host, On(2027, 1, 5), async () => await _cso.OutcomeAsync() == CsoOutcomes.PermitExpired, "expiry during the renewal");

        Assert.Empty(await _host.OpenTasksOfCaseAsync(_cso.CaseId));
        Assert.Equal(ApprovalTaskStatus.Cancelled, (await _host.Tasks.ListByCaseAsync(_cso.CaseId)).Single(t => t.Step == "renewal").Status);
    }

    [Fact]
    public async Task Expiry_DuringASuspension_EndsAccess_AndClosesTheSuspensionSteps()
    {
        await _host.Host.AdvanceToAsync(On(2027, 1, 1));
        await _cso.SuspendAsync();

        await _host.Host.AdvanceToAsync(On(2027, 1, 5));

        Assert.Equal(CsoOutcomes.PermitExpired, await _cso.OutcomeAsync());
        Assert.Empty(await _host.OpenTasksOfCaseAsync(_cso.CaseId));
    }

    [Fact]
    public async Task RenewalReminders_FireWhileAStaffAdditionIsPending()
    {
        await _host.Host.AdvanceToAsync(On(2026, 11, 1));
        await _cso.RequestStaffAsync("staff3.cso-bridge");

        await FiresAtAsync(_host, On(2026, 11, 6), () => _host.Notifier.Sent.Any(n => n.Code == "RenewalReminder" && n.RecipientId == CsoDriver.FocalPoint), "renewal reminder");

        Assert.Single(await _host.OpenTasksAsync(_cso.CaseId, "staffAddition"));
        await ApproveStaffAdditionAsync();
        Assert.Contains("staff3.cso-bridge", (await _cso.PermitAsync()).Staff);
    }

    [Fact]
    public async Task Renewal_Approved_ExtendsThePermitByTwelveMonths_AndTheRemindersFollowTheNewExpiry()
    {
        await _host.Host.AdvanceToAsync(On(2026, 11, 10));
        await _cso.RequestRenewalAsync();
        await _host.DecideAllAsync(_cso.CaseId, "headcentral.central", step: "renewal");

        Assert.Equal(On(2028, 1, 5), (await _cso.PermitAsync()).ValidUntil);
        await _host.Host.AdvanceToAsync(On(2027, 1, 5));
        Assert.Equal(CsoOutcomes.PermitActive, await _cso.StatusAsync());
        await FiresAtAsync(_host, On(2027, 11, 6), () => _host.Notifier.Sent.Count(n => n.Code == "RenewalReminder" && n.RecipientId == CsoDriver.FocalPoint) == 2, "first reminder of the renewed permit");
    }

    [Fact]
    public async Task Renewal_WithConditions_RecordsEachWithItsLegalBasisAndImposingAuthority()
    {
        await _cso.RequestRenewalAsync();
        await _host.DecideOpenAsync(_cso.CaseId, "headcentral.central", DecisionKind.ApproveWithConditions, conditions: ["Sessions in the education block only"],
            attributes: new Dictionary<string, string> { ["legalBasis"] = "Internal rules art. 4" });

        var renewal = (await _host.Cases.ReadSectionsAsync(_cso.CaseId)).Single(s => s.Name == "accessAgreement-validity").Data;
        var condition = Assert.Single(renewal.GetProperty("conditions").EnumerateArray());
        Assert.Equal("Sessions in the education block only", condition.GetProperty("Text").GetString());
        Assert.Equal("Internal rules art. 4", condition.GetProperty("LegalBasis").GetString());
        Assert.Equal(Roles.HeadOfCentralAdministration, condition.GetProperty("ImposingAuthority").GetString());
        Assert.Equal(On(2028, 1, 5), condition.GetProperty("Until").GetDateTimeOffset());
    }

    [Fact]
    public async Task Renewal_Rejected_KeepsTheOldExpiry()
    {
        await _cso.RequestRenewalAsync();
        await _host.DecideAllAsync(_cso.CaseId, "headcentral.central", DecisionKind.Reject, "renewal");

        Assert.Equal(On(2027, 1, 5), (await _cso.PermitAsync()).ValidUntil);
        Assert.Contains(_host.Notifier.Sent, n => n.Code == "RenewalRejected" && n.RecipientId == CsoDriver.FocalPoint);
    }

    [Fact]
    public async Task Renewal_WithdrawnByTheCso_LeavesThePermitAsItWas()
    {
        await _cso.RequestRenewalAsync();

        Assert.Equal(DecisionStatus.Recorded, (await _host.Decisions.WithdrawAsync(_cso.CaseId, _host.Actor(CsoDriver.FocalPoint), "Asked too early.")).Status);
        await _host.Host.RunUntilIdleAsync();

        Assert.Empty(await _host.OpenTasksOfCaseAsync(_cso.CaseId));
        Assert.Equal(CsoOutcomes.PermitActive, await _cso.StatusAsync());
        Assert.Equal(On(2027, 1, 5), (await _cso.PermitAsync()).ValidUntil);
        Assert.Contains(_host.Notifier.Sent, n => n.Code == "RenewalWithdrawn");
    }

    [Fact]
    public async Task Renewal_AskedTwice_OpensOneStep()
    {
        await _cso.RequestRenewalAsync();
        await _cso.RequestRenewalAsync();

        Assert.Single(await _host.OpenTasksAsync(_cso.CaseId, "renewal"));
        Assert.Contains(await _host.Audit.ReadAsync(_cso.CaseId), e => e.Reason == "RenewalAlreadyPending");
    }
}
