using System.Text.Json;
using Workflows.Audit;
using Workflows.Cases;
using Workflows.Tests.Support;

namespace Workflows.Tests.Cases;

public sealed class CaseReadServiceTests : IAsyncLifetime
{
    private readonly DomainHost _host = DomainHost.Create();

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public ValueTask DisposeAsync() => _host.DisposeAsync();

    private async Task<CaseRecord> CaseAsync(bool juvenile = false, bool confidential = false, IReadOnlyList<string>? excluded = null)
    {
        var record = new CaseRecord
        {
            CaseId = "case-" + Guid.NewGuid().ToString("N")[..8],
            Reference = "REF-X",
            Workflow = "referral",
            FacilityId = "almaty",
            RegionId = "south",
            RequesterId = "referrer.almaty",
            IsJuvenile = juvenile,
            Confidential = confidential,
            ExcludedStaffIds = excluded ?? [],
            Participants = [new CaseParticipant("referrer.almaty", Roles.Requester), new CaseParticipant("assessor1.almaty", Roles.RiskAssessor)],
        };
        await _host.Cases.CreateAsync(record);
        foreach (var tier in Enum.GetValues<DataTier>())
        {
            await _host.Cases.WriteSectionAsync(record.CaseId, new CaseSection { Tier = tier, Name = tier.ToString(), Data = JsonSerializer.SerializeToElement(new { tier = tier.ToString() }) });
        }

        await _host.Cases.AddDocumentAsync(record.CaseId, new DocumentRef("intel-1", DataTier.Intelligence, "text/plain", DateTimeOffset.UnixEpoch, "security.almaty"));
        await _host.Service<IDocumentStore>().PutAsync(record.CaseId, "intel-1", DataTier.Intelligence, "text/plain", new byte[] { 42 });
        return record;
    }

    [Fact]
    public async Task Read_ByAStranger_IsIndistinguishableFromAMissingCase()
    {
        var record = await CaseAsync();

        Assert.Null(await _host.CaseReader.ReadAsync(record.CaseId, _host.Actor("coordinator.kostanay")));
        Assert.Null(await _host.CaseReader.ReadAsync("case-missing", _host.Actor("coordinator.kostanay")));
    }

    [Fact]
    public async Task Read_ByTheAssessorOnTheCase_ReturnsRiskButNotIntelligenceOrHealth_AndAuditsTheSensitiveRead()
    {
        var record = await CaseAsync();

        var view = await _host.CaseReader.ReadAsync(record.CaseId, _host.Actor("assessor1.almaty"));

        Assert.NotNull(view);
        Assert.Contains(view.Sections, s => s.Tier == DataTier.RiskAssessment);
        Assert.DoesNotContain(view.Sections, s => s.Tier is DataTier.Intelligence or DataTier.Health or DataTier.ReligiousCounselling or DataTier.Biometric);
        Assert.Contains(_host.Audit.All, e => e.CaseId == record.CaseId && e.Action == AuditActions.SensitiveRead && e.ActorId == "assessor1.almaty" && e.Reason == "RiskAssessment");
    }

    [Fact]
    public async Task Read_ByTheSecurityOfficerOfTheFacility_IncludesIntelligence()
    {
        var record = await CaseAsync();
        await _host.Cases.AddParticipantsAsync(record.CaseId, [new CaseParticipant("security.almaty", Roles.SecurityOfficer)]);

        var view = await _host.CaseReader.ReadAsync(record.CaseId, _host.Actor("security.almaty"));
        var document = await _host.CaseReader.ReadDocumentAsync(record.CaseId, "intel-1", _host.Actor("security.almaty"));

        Assert.Contains(view!.Sections, s => s.Tier == DataTier.Intelligence);
        Assert.Equal([42], document!.Content.ToArray());
        Assert.Null(await _host.CaseReader.ReadDocumentAsync(record.CaseId, "intel-1", _host.Actor("assessor1.almaty")));
    }

    [Fact]
    public async Task Read_ByAnInspector_SeesIdentityLegalWorkflowOnly()
    {
        var record = await CaseAsync();

        var view = await _host.CaseReader.ReadAsync(record.CaseId, _host.Actor("inspector.central"));

        Assert.Equal([DataTier.Identity, DataTier.Legal, DataTier.Workflow], view!.ReadableTiers);
        Assert.NotNull(await _host.CaseReader.ReadAuditAsync(record.CaseId, _host.Actor("inspector.central")));
        Assert.Null(await _host.CaseReader.ReadAuditAsync(record.CaseId, _host.Actor("assessor1.almaty")));
    }

    [Fact]
    public async Task Read_JuvenileCase_SensitiveTiersNeedARoleOnTheCase()
    {
        var record = await CaseAsync(juvenile: true);

        var director = await _host.CaseReader.ReadAsync(record.CaseId, _host.Actor("director.almaty"));

        Assert.DoesNotContain(DataTier.RiskAssessment, director!.ReadableTiers);
        Assert.Contains(DataTier.RiskAssessment, (await _host.CaseReader.ReadAsync(record.CaseId, _host.Actor("assessor1.almaty")))!.ReadableTiers);
    }

    [Fact]
    public async Task Read_ConfidentialComplaint_IsHiddenFromTheStaffItConcerns()
    {
        var record = await CaseAsync(confidential: true, excluded: ["director.almaty"]);

        Assert.Null(await _host.CaseReader.ReadAsync(record.CaseId, _host.Actor("director.almaty")));
        Assert.Null(await _host.CaseReader.ReadAuditAsync(record.CaseId, _host.Actor("director.almaty")));
        Assert.NotNull(await _host.CaseReader.ReadAsync(record.CaseId, _host.Actor("centraladmin.central")));
    }
}
