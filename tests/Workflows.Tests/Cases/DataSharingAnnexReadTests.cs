using System.Text.Json;
using Workflows.Cases;
using Workflows.CsoAccess;
using Workflows.Tests.Support;

namespace Workflows.Tests.Cases;

/// <summary>Domain 2.5: CSO staff assigned to a case see only the workflow-tier fields their access agreement's data-sharing annex names.</summary>
public sealed class DataSharingAnnexReadTests : IAsyncLifetime
{
    private readonly DomainHost _host = DomainHost.Create();

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public ValueTask DisposeAsync() => _host.DisposeAsync();

    private async Task<string> AgreementAsync(string organisationId = "cso-bridge", string status = CsoOutcomes.PermitActive)
    {
        var caseId = "case-cso-" + Guid.NewGuid().ToString("N")[..8];
        await _host.Cases.CreateAsync(new CaseRecord { CaseId = caseId, Reference = "CSO-X", Workflow = WorkflowNames.CsoAccess, FacilityId = "almaty", RegionId = "south", RequesterId = "focalpoint." + organisationId, Status = status });
        await _host.Cases.WriteSectionAsync(caseId, new CaseSection
        {
            Tier = DataTier.Workflow,
            Name = DataSharingAnnex.AgreementSection,
            Data = JsonSerializer.SerializeToElement(new { organisationId, annex = DataSharingAnnex.Default }),
        });
        return caseId;
    }

    private async Task<string> ParticipantCaseAsync(string agreementCaseId)
    {
        var caseId = "case-ref-" + Guid.NewGuid().ToString("N")[..8];
        await _host.Cases.CreateAsync(new CaseRecord
        {
            CaseId = caseId,
            Reference = "REF-X",
            Workflow = "referral",
            FacilityId = "almaty",
            RegionId = "south",
            RequesterId = "referrer.almaty",
            Participants = [new CaseParticipant("referrer.almaty", Roles.Requester), new CaseParticipant("staff1.cso-bridge", Roles.CsoStaff)],
            LinkedCaseIds = [agreementCaseId],
        });
        foreach (var (name, data) in new (string, object)[]
        {
            ("placement", new { placedAt = "2026-02-01", riskLevel = "High", assessmentId = "ra-1" }),
            ("progressReview-1", new { result = "Approved", at = "2026-05-01" }),
            ("caseConferenceDissent", new { dissent = "recorded" }),
        })
        {
            await _host.Cases.WriteSectionAsync(caseId, new CaseSection { Tier = DataTier.Workflow, Name = name, Data = JsonSerializer.SerializeToElement(data) });
        }

        return caseId;
    }

    [Fact]
    public async Task Read_ByAssignedCsoStaff_ShowsOnlyTheFieldsTheAnnexNames()
    {
        var caseId = await ParticipantCaseAsync(await AgreementAsync());

        var view = await _host.CaseReader.ReadAsync(caseId, _host.Actor("staff1.cso-bridge"));

        Assert.NotNull(view);
        Assert.Equal(["placement", "progressReview-1"], view.Sections.Select(s => s.Name).Order(StringComparer.Ordinal));
        Assert.Equal(["placedAt"], view.Sections.Single(s => s.Name == "placement").Data.EnumerateObject().Select(p => p.Name));
        Assert.Equal(["result", "at"], view.Sections.Single(s => s.Name == "progressReview-1").Data.EnumerateObject().Select(p => p.Name));
    }

    [Fact]
    public async Task Read_ByAssignedCsoStaff_ShowsNoDocuments_AndServesNone()
    {
        var caseId = await ParticipantCaseAsync(await AgreementAsync());
        await _host.Service<IDocumentStore>().PutAsync(caseId, "incident-report", DataTier.Workflow, "text/plain", "Incident report 42."u8.ToArray());
        await _host.Cases.AddDocumentAsync(caseId, new DocumentRef("incident-report", DataTier.Workflow, "text/plain", DateTimeOffset.UnixEpoch, "referrer.almaty"));

        var view = await _host.CaseReader.ReadAsync(caseId, _host.Actor("staff1.cso-bridge"));

        Assert.Empty(view!.Documents);
        Assert.Null(await _host.CaseReader.ReadDocumentAsync(caseId, "incident-report", _host.Actor("staff1.cso-bridge")));
        Assert.NotNull(await _host.CaseReader.ReadDocumentAsync(caseId, "incident-report", _host.Actor("referrer.almaty")));
    }

    [Fact]
    public async Task Read_ByAssignedCsoStaffWhoAlsoHoldAPrisonRole_IsStillNarrowedToTheAnnex()
    {
        var caseId = await ParticipantCaseAsync(await AgreementAsync());
        var both = new Actor("staff1.cso-bridge", [new RoleGrant(Roles.CsoStaff, ScopeLevel.Organisation, "cso-bridge"), new RoleGrant(Roles.ProbationOfficer, ScopeLevel.Facility, "almaty")]);

        var view = await _host.CaseReader.ReadAsync(caseId, both);

        Assert.True(view!.PartnerView);
        Assert.Equal([DataTier.Workflow], view.ReadableTiers);
        Assert.Equal(["placedAt"], view.Sections.Single(s => s.Name == "placement").Data.EnumerateObject().Select(p => p.Name));
    }

    [Fact]
    public async Task Read_ByAssignedCsoStaff_WhileThePermitIsSuspended_ShowsNothingOfTheCase()
    {
        var caseId = await ParticipantCaseAsync(await AgreementAsync(status: CsoOutcomes.Suspended));

        Assert.Null(await _host.CaseReader.ReadAsync(caseId, _host.Actor("staff1.cso-bridge")));
    }

    [Fact]
    public async Task Read_ByAssignedCsoStaff_UnderAnotherOrganisationsAgreement_ShowsNothingOfTheCase()
    {
        var caseId = await ParticipantCaseAsync(await AgreementAsync(organisationId: "cso-other"));

        Assert.Null(await _host.CaseReader.ReadAsync(caseId, _host.Actor("staff1.cso-bridge")));
    }

    [Fact]
    public async Task Read_ByPrisonStaffOnTheCase_IsNotNarrowedByTheAnnex()
    {
        var caseId = await ParticipantCaseAsync(await AgreementAsync());

        var view = await _host.CaseReader.ReadAsync(caseId, _host.Actor("referrer.almaty"));

        Assert.Contains(view!.Sections, s => s.Name == "caseConferenceDissent");
        Assert.Equal(3, view.Sections.Single(s => s.Name == "placement").Data.EnumerateObject().Count());
    }
}
