using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Workflows.Audit;
using Workflows.Cases;
using Workflows.Engine;
using Workflows.Tests.Support;

namespace Workflows.Tests.Cases;

/// <summary>Safeguard 10: a section written again is audited as an amendment of the entry it supersedes, and its history is readable by those who may read its tier.</summary>
public sealed class SectionAmendmentTests : IAsyncLifetime
{
    private readonly DomainHost _host = DomainHost.Create();
    private readonly string _caseId = "case-" + Guid.NewGuid().ToString("N")[..8];

    public async ValueTask InitializeAsync() => await _host.Cases.CreateAsync(new CaseRecord
    {
        CaseId = _caseId,
        Reference = "REF-AMEND",
        Workflow = "referral",
        FacilityId = "almaty",
        RegionId = "south",
        RequesterId = "referrer.almaty",
        Participants = [new CaseParticipant("referrer.almaty", Roles.Requester), new CaseParticipant("assessor1.almaty", Roles.RiskAssessor)],
    });

    public ValueTask DisposeAsync() => _host.DisposeAsync();

    private Task<bool> RecordAsync(string key, string level, string actor = "assessor1.almaty", string reason = "assessment") =>
        ActivatorUtilities.CreateInstance<RecordCaseEventActivity>(_host.Host.Services).RunAsync(
            new TaskActivityContext(RecordCaseEventActivity.Name, "referral-amend", 1, key, 1, default),
            new CaseEventInput
            {
                CaseId = _caseId,
                Action = AuditActions.SectionWritten,
                Reason = reason,
                ActorId = actor,
                Role = Roles.RiskAssessor,
                SectionName = "riskAssessment",
                Tier = DataTier.RiskAssessment,
                SectionData = JsonSerializer.SerializeToElement(new { level }),
            });

    private List<AuditEntry> SectionEntries() => [.. _host.Audit.All.Where(e => e.CaseId == _caseId && e.Action == AuditActions.SectionWritten)];

    [Fact]
    public async Task A_section_written_again_is_an_amendment_of_the_entry_of_its_previous_version()
    {
        await RecordAsync("k1", "Low");
        await RecordAsync("k2", "High", actor: "assessor2.almaty", reason: "corrected-after-review");

        var entries = SectionEntries();
        Assert.Equal(2, entries.Count);
        Assert.Null(entries[0].Amends);
        Assert.Equal(entries[0].Sequence, entries[1].Amends);
        Assert.Equal(("assessor2.almaty", "corrected-after-review", "2"), (entries[1].ActorId, entries[1].Reason, entries[1].Ids[SectionAmendments.VersionId]));
        Assert.Equal(["Low", "High"], (await _host.Cases.ReadSectionHistoryAsync(_caseId, DataTier.RiskAssessment, "riskAssessment")).Select(s => s.Data.GetProperty("level").GetString()));
    }

    [Fact]
    public async Task Each_amendment_points_at_the_version_it_supersedes()
    {
        await RecordAsync("k1", "Low");
        await RecordAsync("k2", "Medium");
        await RecordAsync("k3", "High");

        var entries = SectionEntries();
        Assert.Equal([null, entries[0].Sequence, entries[1].Sequence], entries.Select(e => e.Amends));
    }

    [Fact]
    public async Task A_redelivered_overwrite_adds_one_version_and_one_amendment()
    {
        await RecordAsync("k1", "Low");
        await RecordAsync("k2", "High");
        await RecordAsync("k2", "High");

        Assert.Equal(2, SectionEntries().Count);
        Assert.Equal(2, (await _host.Cases.ReadSectionHistoryAsync(_caseId, DataTier.RiskAssessment, "riskAssessment")).Count);
    }

    [Fact]
    public async Task Writing_the_same_data_again_amends_nothing()
    {
        await RecordAsync("k1", "Low");
        await RecordAsync("k2", "High");
        await RecordAsync("k3", "High");

        var entries = SectionEntries();
        Assert.Equal(3, entries.Count);
        Assert.Null(entries[2].Amends);
        Assert.Equal("2", entries[2].Ids[SectionAmendments.VersionId]);
    }

    [Fact]
    public async Task A_reader_of_the_tier_sees_every_version_and_the_read_is_audited()
    {
        await RecordAsync("k1", "Low");
        await RecordAsync("k2", "High");

        var history = await _host.CaseReader.ReadSectionHistoryAsync(_caseId, DataTier.RiskAssessment, "riskAssessment", _host.Actor("assessor1.almaty"));

        Assert.NotNull(history);
        Assert.Equal([1, 2], history.Select(s => s.Version));
        Assert.Contains(_host.Audit.All, e => e.CaseId == _caseId && e.Action == AuditActions.SensitiveRead && e.ActorId == "assessor1.almaty" && e.Ids.ContainsKey("sectionHistory"));
    }

    [Fact]
    public async Task Someone_who_may_not_read_the_tier_gets_no_history()
    {
        await RecordAsync("k1", "Low");
        await RecordAsync("k2", "High");

        Assert.Null(await _host.CaseReader.ReadSectionHistoryAsync(_caseId, DataTier.RiskAssessment, "riskAssessment", _host.Actor("referrer.almaty")));
        Assert.Null(await _host.CaseReader.ReadSectionHistoryAsync(_caseId, DataTier.RiskAssessment, "riskAssessment", _host.Actor("coordinator.kostanay")));
    }
}
