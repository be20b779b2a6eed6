using System.Text.Json;
using Workflows.Approvals;
using Workflows.Audit;
using Workflows.Cases;
using Workflows.CsoAccess;
using Workflows.Tests.Support;

namespace Workflows.Tests.CsoAccess;

/// <summary>
/// Domain 2: prison staff assign vetted staff of a CSO with an active permit to the prisoners they work with; the
/// CSO staff then see those cases through the data-sharing annex, and nothing once the assignment ends.
/// </summary>
public sealed class CsoAssignmentTests : IAsyncLifetime
{
    private const string Staff = "staff1.cso-bridge";
    private const string Coordinator = "coordinator.almaty";

    private readonly DomainHost _host = DomainHost.Create();
    private readonly CsoDriver _cso;

    public CsoAssignmentTests() => _cso = new CsoDriver(_host);

    private CsoAssignmentService Assignments => _host.Service<CsoAssignmentService>();

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public ValueTask DisposeAsync() => _host.DisposeAsync();

    private async Task<string> PrisonerCaseAsync(string workflow = WorkflowNames.Referral, string facilityId = "almaty")
    {
        var caseId = "case-ref-" + Guid.NewGuid().ToString("N")[..8];
        await _host.Cases.CreateAsync(new CaseRecord
        {
            CaseId = caseId,
            Reference = "REF-X",
            Workflow = workflow,
            FacilityId = facilityId,
            RegionId = "south",
            RequesterId = "referrer." + facilityId,
            Participants = [new CaseParticipant("referrer." + facilityId, Roles.Requester), new CaseParticipant("coordinator." + facilityId, Roles.ProgrammeCoordinator)],
        });
        await _host.Cases.WriteSectionAsync(caseId, new CaseSection
        {
            Tier = DataTier.Workflow,
            Name = "placement",
            Data = JsonSerializer.SerializeToElement(new { placedAt = "2026-02-01", riskLevel = "High" }),
        });
        return caseId;
    }

    /// <summary>A prisoner's case with <see cref="Staff"/> assigned under a granted permit.</summary>
    private async Task<string> AssignedCaseAsync()
    {
        await _cso.GrantAsync();
        var caseId = await PrisonerCaseAsync();
        Assert.Equal(DecisionStatus.Recorded, (await AssignAsync(caseId)).Status);
        return caseId;
    }

    private Task<DecisionResult> AssignAsync(string caseId, string staffId = Staff, string assignedBy = Coordinator) =>
        Assignments.AssignAsync(caseId, _cso.CaseId, staffId, _host.Actor(assignedBy));

    [Fact]
    public async Task Assign_VettedStaffUnderAnActivePermit_SeesOnlyTheAnnexFieldsOfTheCase()
    {
        await _cso.GrantAsync();
        var caseId = await PrisonerCaseAsync();

        Assert.Null(await _host.CaseReader.ReadAsync(caseId, _host.Actor(Staff)));
        Assert.Equal(DecisionStatus.Recorded, (await AssignAsync(caseId)).Status);

        var view = await _host.CaseReader.ReadAsync(caseId, _host.Actor(Staff));
        Assert.Equal(["placedAt"], view!.Sections.Single(s => s.Name == "placement").Data.EnumerateObject().Select(p => p.Name));
        Assert.Equal([DataTier.Workflow], view.ReadableTiers);
    }

    [Fact]
    public async Task Assign_IsAuditedInThePrisonersCase_WithWhoAndUnderWhichPermit()
    {
        await _cso.GrantAsync();
        var caseId = await PrisonerCaseAsync();

        await AssignAsync(caseId);

        var entry = Assert.Single(await _host.Audit.ReadAsync(caseId), e => e.Action == AuditActions.PartnerAssigned);
        Assert.Equal(Coordinator, entry.ActorId);
        Assert.Equal(new Dictionary<string, string> { ["personId"] = Staff, ["permitCaseId"] = _cso.CaseId }, entry.Ids);
    }

    [Fact]
    public async Task Assign_StaffNotVettedUnderThePermit_IsRefusedNamingTheStaffField()
    {
        await _cso.GrantAsync(CsoDriver.Application() with { StaffIds = [Staff] });
        var caseId = await PrisonerCaseAsync();

        var result = await AssignAsync(caseId, staffId: "staff2.cso-bridge");

        Assert.Equal(DecisionStatus.Invalid, result.Status);
        Assert.Equal("staffId", Assert.Single(result.Errors!).Field);
        Assert.Null(await _host.CaseReader.ReadAsync(caseId, _host.Actor("staff2.cso-bridge")));
    }

    [Fact]
    public async Task Assign_ToAPrisonerInAPrisonThePermitDoesNotCover_IsRefused()
    {
        await _cso.GrantAsync();
        var caseId = await PrisonerCaseAsync(facilityId: "kostanay");

        var result = await AssignAsync(caseId, assignedBy: "coordinator.kostanay");

        Assert.Equal(("permitCaseId", ErrorCodes.NotAllowed), (Assert.Single(result.Errors!).Field, result.Errors![0].Code));
    }

    [Fact]
    public async Task Assign_UnderASuspendedPermit_IsRefused()
    {
        await _cso.GrantAsync();
        await _cso.SuspendAsync();
        var caseId = await PrisonerCaseAsync();

        var result = await AssignAsync(caseId);

        Assert.Equal("permitCaseId", Assert.Single(result.Errors!).Field);
    }

    [Fact]
    public async Task Assign_BySomeoneWithoutAnAssigningRole_IsNotEntitled()
    {
        await _cso.GrantAsync();
        var caseId = await PrisonerCaseAsync();

        Assert.Equal(DecisionStatus.NotEntitled, (await AssignAsync(caseId, assignedBy: "assessor1.almaty")).Status);
    }

    [Fact]
    public async Task Assign_ByACoordinatorWhoseStepHasNotReachedTheCase_IsNotEntitled()
    {
        await _cso.GrantAsync();
        var caseId = await PrisonerCaseAsync();
        await _host.Cases.UpdateAsync(caseId, r => r with { Participants = r.Participants.Where(p => p.PersonId != Coordinator).ToList() });

        Assert.Equal(DecisionStatus.NotEntitled, (await AssignAsync(caseId)).Status);
        Assert.Equal(DecisionStatus.Recorded, (await AssignAsync(caseId, assignedBy: "director.almaty")).Status);
    }

    [Fact]
    public async Task Read_AssignedStaffAfterThePermitIsSuspended_DoNotSeeTheCaseAtAll()
    {
        var caseId = await AssignedCaseAsync();

        await _cso.SuspendAsync();

        Assert.Null(await _host.CaseReader.ReadAsync(caseId, _host.Actor(Staff)));
    }

    [Fact]
    public async Task Read_AssignedStaff_GetARecordWithoutTheSubjectTheRequesterOtherPeopleOrLinkedCases()
    {
        await _cso.GrantAsync();
        var caseId = await PrisonerCaseAsync();
        await _host.Cases.UpdateAsync(caseId, r => r with { SubjectId = "P-1234" });
        await AssignAsync(caseId);

        var record = (await _host.CaseReader.ReadAsync(caseId, _host.Actor(Staff)))!.Case;

        Assert.Null(record.SubjectId);
        Assert.Equal(string.Empty, record.RequesterId);
        Assert.Equal([new CaseParticipant(Staff, Roles.CsoStaff)], record.Participants);
        Assert.Empty(record.LinkedCaseIds);
    }

    [Fact]
    public async Task Assign_ToAComplaint_IsRefused()
    {
        await _cso.GrantAsync();
        var caseId = await PrisonerCaseAsync(workflow: WorkflowNames.Complaint);

        Assert.Equal("caseId", Assert.Single((await AssignAsync(caseId)).Errors!).Field);
    }

    [Fact]
    public async Task Assign_Twice_IsRefusedAsADuplicate_AndAuditedOnce()
    {
        var caseId = await AssignedCaseAsync();

        var again = await AssignAsync(caseId);

        Assert.Equal(ErrorCodes.Duplicate, Assert.Single(again.Errors!).Code);
        Assert.Single(await _host.Audit.ReadAsync(caseId), e => e.Action == AuditActions.PartnerAssigned);
    }

    [Fact]
    public async Task Unassign_TheStaffMemberNoLongerSeesTheCase_AndTheReasonIsAudited()
    {
        var caseId = await AssignedCaseAsync();

        var result = await Assignments.UnassignAsync(caseId, Staff, "Mentoring completed.", _host.Actor(Coordinator));

        Assert.Equal(DecisionStatus.Recorded, result.Status);
        Assert.Null(await _host.CaseReader.ReadAsync(caseId, _host.Actor(Staff)));
        Assert.Contains(await _host.Audit.ReadAsync(caseId), e => e.Action == AuditActions.PartnerUnassigned && e.Reason == "Mentoring completed." && e.Ids["personId"] == Staff);
    }

    [Fact]
    public async Task Unassign_WithoutAReason_IsRefused_AndTheAssignmentStays()
    {
        var caseId = await AssignedCaseAsync();

        var result = await Assignments.UnassignAsync(caseId, Staff, " ", _host.Actor(Coordinator));

        Assert.Equal("reason", Assert.Single(result.Errors!).Field);
        Assert.NotNull(await _host.CaseReader.ReadAsync(caseId, _host.Actor(Staff)));
    }

    [Fact]
    public async Task Unassign_SomeoneNotAssigned_IsRefusedNamingTheStaffField()
    {
        var caseId = await PrisonerCaseAsync();

        var result = await Assignments.UnassignAsync(caseId, Staff, "Not needed.", _host.Actor(Coordinator));

        Assert.Equal(("staffId", ErrorCodes.UnknownValue), (Assert.Single(result.Errors!).Field, result.Errors![0].Code));
    }

    [Fact]
    public async Task Offers_ListTheActivePermitsCoveringThePrison_WithTheirVettedStaff()
    {
        await _cso.GrantAsync();

        var offer = Assert.Single(await Assignments.OffersAsync("almaty"));

        Assert.Equal((_cso.CaseId, "cso-bridge"), (offer.PermitCaseId, offer.OrganisationId));
        Assert.Equal(["staff1.cso-bridge", "staff2.cso-bridge"], offer.StaffIds);
        Assert.Empty(await Assignments.OffersAsync("kostanay"));
    }

    [Fact]
    public async Task Offers_LeaveOutASuspendedPermit()
    {
        await _cso.GrantAsync();
        await _cso.SuspendAsync();

        Assert.Empty(await Assignments.OffersAsync("almaty"));
    }

    [Fact]
    public async Task Read_AssignedStaffOnThePrisonersCase_IsAPartnerView_ButTheFocalPointOnTheirOwnApplicationIsNot()
    {
        var caseId = await AssignedCaseAsync();

        Assert.True((await _host.CaseReader.ReadAsync(caseId, _host.Actor(Staff)))!.PartnerView);
        Assert.False((await _host.CaseReader.ReadAsync(_cso.CaseId, _host.Actor(CsoDriver.FocalPoint)))!.PartnerView);
        Assert.False((await _host.CaseReader.ReadAsync(caseId, _host.Actor("director.almaty")))!.PartnerView);
    }
}
