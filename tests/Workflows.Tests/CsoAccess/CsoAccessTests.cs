using Workflows.Approvals;
using Workflows.CsoAccess;
using Workflows.Notifications;
using Workflows.Tests.Support;

namespace Workflows.Tests.CsoAccess;

public sealed class CsoAccessTests : IAsyncLifetime
{
    private readonly DomainHost _host = DomainHost.Create();
    private string _caseId = string.Empty;
    private string _instanceId = string.Empty;

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public ValueTask DisposeAsync() => _host.DisposeAsync();

    private CsoAccessService Service => _host.Service<CsoAccessService>();

    private static CsoAccessRequest Application(bool faith = false, bool interAgency = false) => new()
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

    private async Task ApplyAsync(CsoAccessRequest? request = null)
    {
        var result = await Service.StartApplicationAsync(request ?? Application(), _host.Actor("focalpoint.cso-bridge"));
        Assert.Equal(IntakeStatus.Started, result.Status);
        (_caseId, _instanceId) = (result.CaseId!, result.InstanceId!);
        await _host.Host.RunUntilIdleAsync();
    }

    private async Task ReviewAllAsync()
    {
        await _host.DecideAllAsync(_caseId, "partnerships.central");
        foreach (var reviewer in new[] { "legal.central", "programmereview.central", "natsec.central", "dpo.central" })
        {
            await _host.DecideAllAsync(_caseId, reviewer);
        }
    }

    private async Task GrantAsync()
    {
        await ApplyAsync();
        await ReviewAllAsync();
        await _host.DecideAllAsync(_caseId, "headcentral.central");
        await _host.DecideAllAsync(_caseId, "director.almaty");
    }

    [Fact]
    public async Task Apply_WithoutTheSafeguardingPolicy_IsRefused()
    {
        var result = await Service.StartApplicationAsync(Application() with { SafeguardingPolicyProvided = false }, _host.Actor("focalpoint.cso-bridge"));

        Assert.Contains(result.Errors!, e => e is { Field: "safeguardingPolicyProvided", Code: ErrorCodes.Required });
        Assert.Equal(IntakeStatus.NotEntitled, (await Service.StartApplicationAsync(Application(), _host.Actor("staff1.cso-bridge"))).Status);
    }

    [Fact]
    public async Task HappyPath_GrantsAPermit_WithRenewalRemindersAndAutomaticExpiry()
    {
        await ApplyAsync();
        var vetting = (await _host.OpenTasksOfCaseAsync(_caseId)).Where(t => t.Step == "staffVetting");
        Assert.Empty(vetting);
        await _host.DecideAllAsync(_caseId, "partnerships.central");
        Assert.Equal(2, (await _host.OpenTasksAsync(_caseId, "staffVetting")).Count);
        Assert.Equal(4, (await _host.OpenTasksAsync(_caseId, "parallelReviews")).Count);
        foreach (var reviewer in new[] { "legal.central", "programmereview.central", "natsec.central", "dpo.central" })
        {
            await _host.DecideAllAsync(_caseId, reviewer);
        }

        var final = Assert.Single(await _host.OpenTasksAsync(_caseId, "finalDecision"));
        Assert.Contains("natsec.central", final.ExcludedUserIds);
        await _host.DecideAsync(final.TaskId, "headcentral.central", DecisionKind.ApproveWithConditions, conditions: ["Escorted in the wing (prison rules art. 12)"]);
        await _host.DecideAllAsync(_caseId, "director.almaty");
        Assert.Equal(CsoOutcomes.PermitActive, (await _host.Cases.GetAsync(_caseId))!.Status);
        Assert.Equal("permit", (await _host.StatusAsync(_instanceId)).Step);

        var expiry = (await _host.StatusAsync(_instanceId)).NextDeadline!.Value;
        await _host.Host.AdvanceToAsync(expiry.AddDays(-60));
        Assert.Single(_host.Notifier.Sent, n => n.Code == "RenewalReminder" && n.RecipientId == "focalpoint.cso-bridge");
        await _host.Host.AdvanceToAsync(expiry.AddDays(-30));
        Assert.Equal(2, _host.Notifier.Sent.Count(n => n.Code == "RenewalReminder" && n.RecipientId == "focalpoint.cso-bridge"));
        await _host.Host.AdvanceToAsync(expiry);

        Assert.Equal(CsoOutcomes.PermitExpired, (await _host.Host.GetOutputAsync<WorkflowResult>(_instanceId))!.Outcome);
    }

    [Fact]
    public async Task SecurityRejection_IsAVeto_AndTheCsoMayAskForReconsideration()
    {
        await ApplyAsync();
        await _host.DecideAllAsync(_caseId, "partnerships.central");
        var security = Assert.Single(await _host.OpenTasksAsync(_caseId, "parallelReviews"), t => t.AssigneeId == "natsec.central");
        await _host.DecideAsync(security.TaskId, "natsec.central", DecisionKind.Veto, "Undisclosed record.", ["undisclosed-criminal-record"]);

        Assert.Equal(CsoOutcomes.Rejected, (await _host.Host.GetOutputAsync<WorkflowResult>(_instanceId))!.Outcome);
        Assert.Empty(await _host.OpenTasksAsync(_caseId, "parallelReviews"));
    }

    [Fact]
    public async Task FinalRejection_ThenReconsideration_CanGrant()
    {
        await ApplyAsync();
        await ReviewAllAsync();
        await _host.DecideAllAsync(_caseId, "headcentral.central", DecisionKind.Reject);

        Assert.Equal(DecisionStatus.Recorded, (await Service.RequestReconsiderationAsync(_caseId, _host.Actor("focalpoint.cso-bridge"), "New safeguarding lead appointed.")).Status);
        await _host.Host.RunUntilIdleAsync();
        var reconsideration = Assert.Single(await _host.OpenTasksAsync(_caseId, "reconsideration"));
        Assert.Null(reconsideration.AssigneeId);
        Assert.Contains("headcentral.central", reconsideration.ExcludedUserIds);
    }

    [Fact]
    public async Task StaffVetting_RejectsOneStaffMember_ThePermitNamesOnlyTheOther()
    {
        await ApplyAsync();
        await _host.DecideAllAsync(_caseId, "partnerships.central");
        var staff2 = (await _host.Tasks.ListByCaseAsync(_caseId)).Where(t => t.Step == "staffVetting").OrderBy(t => t.InstanceId).ToList();
        await _host.DecideAsync(staff2[1].TaskId, "natsec.central", DecisionKind.Reject, "Incident involvement.", ["security-incident-involvement"]);
        await _host.DecideAllAsync(_caseId, "partnerships.central");
        foreach (var reviewer in new[] { "legal.central", "programmereview.central", "natsec.central", "dpo.central" })
        {
            await _host.DecideAllAsync(_caseId, reviewer);
        }

        await _host.DecideAllAsync(_caseId, "headcentral.central");
        await _host.DecideAllAsync(_caseId, "director.almaty");

        var agreement = (await _host.Cases.ReadSectionsAsync(_caseId)).Single(s => s.Name == "accessAgreement");
        Assert.Equal(1, agreement.Data.GetProperty("staff").GetArrayLength());
    }

    [Fact]
    public async Task FaithBasedContent_AddsTheReligiousContentReview()
    {
        await ApplyAsync(Application(faith: true));
        await _host.DecideAllAsync(_caseId, "partnerships.central");

        Assert.Contains(await _host.OpenTasksAsync(_caseId, "parallelReviews"), t => t.AssigneeId == "theologian.central");
    }

    [Fact]
    public async Task InterAgency_MajorityNeedsSecurityConcurrence()
    {
        await ApplyAsync(Application(interAgency: true));
        await _host.DecideAllAsync(_caseId, "partnerships.central");
        await _host.DecideAllAsync(_caseId, "natsec.central", step: "staffVetting");
        foreach (var member in new[] { "legal.central", "programmereview.central", "dpo.central" })
        {
            await _host.DecideAllAsync(_caseId, member, step: "interAgencyReview");
        }

        Assert.NotEmpty(await _host.OpenTasksAsync(_caseId, "interAgencyReview"));
        await _host.DecideAllAsync(_caseId, "natsec.central", step: "interAgencyReview");
        Assert.Single(await _host.OpenTasksAsync(_caseId, "finalDecision"));
    }

    [Fact]
    public async Task Visit_NeedsThreeWorkingDaysNotice_UnlessAnEmergencyApprovedByTheDirector()
    {
        await GrantAsync();
        var staff = new[] { "staff1.cso-bridge" };

        var tooSoon = await Service.RequestVisitAsync(_caseId, new CsoVisitRequest { FacilityId = "almaty", VisitAt = _host.Now.AddDays(1), StaffIds = staff }, _host.Actor("focalpoint.cso-bridge"));
        Assert.Contains(tooSoon.Errors!, e => e is { Field: "visitAt", Code: ErrorCodes.TooSoon });

        var visit = await Service.RequestVisitAsync(_caseId, new CsoVisitRequest { FacilityId = "almaty", VisitAt = _host.Now.AddDays(7), StaffIds = staff }, _host.Actor("focalpoint.cso-bridge"));
        await _host.Host.RunUntilIdleAsync();
        Assert.Equal(IntakeStatus.Started, visit.Status);
        await _host.DecideAllAsync(_caseId, "security.almaty", step: "visitRequest");
        Assert.Equal("VisitApproved", (await _host.Host.GetOutputAsync<WorkflowResult>(visit.InstanceId!))!.Outcome);

        var emergency = await Service.RequestVisitAsync(_caseId, new CsoVisitRequest { FacilityId = "almaty", VisitAt = _host.Now.AddHours(6), StaffIds = staff, Emergency = true }, _host.Actor("focalpoint.cso-bridge"));
        await _host.Host.RunUntilIdleAsync();
        Assert.Single(await _host.OpenTasksAsync(_caseId, "visitEmergency"));
        await _host.Host.AdvanceAsync(TimeSpan.FromHours(6));
        Assert.Equal("VisitExpired", (await _host.Host.GetOutputAsync<WorkflowResult>(emergency.InstanceId!))!.Outcome);
    }

    [Fact]
    public async Task Suspension_NotConfirmedWithinSevenDays_IsLifted()
    {
        await GrantAsync();

        Assert.Equal(DecisionStatus.NotEntitled, (await Service.SuspendAsync(_caseId, "almaty", "incident", _host.Actor("director.kostanay"))).Status);
        Assert.Equal(DecisionStatus.Recorded, (await Service.SuspendAsync(_caseId, "almaty", "Contraband incident.", _host.Actor("director.almaty"))).Status);
        await _host.Host.RunUntilIdleAsync();
        Assert.Equal("Suspended", (await _host.Cases.GetAsync(_caseId))!.Status);
        Assert.Single(await _host.OpenTasksAsync(_caseId, "suspensionConfirmation"));

        await _host.Host.AdvanceAsync(TimeSpan.FromDays(7));

        Assert.Equal(CsoOutcomes.PermitActive, (await _host.Cases.GetAsync(_caseId))!.Status);
        Assert.Contains(_host.Notifier.Sent, n => n.Code == "SuspensionLifted");
    }

    [Fact]
    public async Task Suspension_ConfirmedThenDecided_RevokesThePermit()
    {
        await GrantAsync();
        await Service.SuspendAsync(_caseId, "almaty", "Contraband incident.", _host.Actor("director.almaty"));
        await _host.Host.RunUntilIdleAsync();
        await _host.DecideAllAsync(_caseId, "centraladmin.central");
        await Service.RespondToSuspensionAsync(_caseId, _host.Actor("focalpoint.cso-bridge"), "We dismissed the staff member.");
        await _host.Host.RunUntilIdleAsync();

        await _host.DecideAllAsync(_caseId, "headcentral.central");

        Assert.Equal(CsoOutcomes.Revoked, (await _host.Host.GetOutputAsync<WorkflowResult>(_instanceId))!.Outcome);
        Assert.Contains(_host.Notifier.Sent, n => n.Kind == NotificationKind.Outcome && n.Code == CsoOutcomes.Revoked);
    }

    [Fact]
    public async Task StaffAddedLater_GoesFocalPointThenSecurityThenCentralUnit()
    {
        await GrantAsync();
        await Service.RequestStaffAdditionAsync(_caseId, "staff3", _host.Actor("focalpoint.cso-bridge"));
        await _host.Host.RunUntilIdleAsync();

        await _host.DecideAllAsync(_caseId, "focalpoint.cso-bridge", step: "staffAddition");
        await _host.DecideAllAsync(_caseId, "natsec.central", step: "staffAddition");
        await _host.DecideAllAsync(_caseId, "partnerships.central", step: "staffAddition");

        var staff = (await _host.Cases.ReadSectionsAsync(_caseId)).Single(s => s.Name == "accessAgreement-staff");
        Assert.Equal(3, staff.Data.GetProperty("staff").GetArrayLength());
    }
}
