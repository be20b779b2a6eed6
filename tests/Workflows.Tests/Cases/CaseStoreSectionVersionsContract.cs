using System.Text.Json;
using Workflows.Cases;

namespace Workflows.Tests.Cases;

/// <summary>Safeguard 10 in every case store: a section written again is a new version, never an overwrite.</summary>
public abstract class CaseStoreSectionVersionsContract
{
    protected abstract ICaseStore Store { get; }

    protected static string NewCase() => "case-" + Guid.NewGuid().ToString("N")[..10];

    protected static CaseSection Section(string name, object data, string by = "coordinator.almaty", DataTier tier = DataTier.RiskAssessment) =>
        new() { Tier = tier, Name = name, Data = JsonSerializer.SerializeToElement(data), UpdatedBy = by, UpdatedAt = DateTimeOffset.UnixEpoch };

    [Fact]
    public async Task WriteSection_Again_KeepsTheEarlierVersion()
    {
        var caseId = NewCase();
        var first = await Store.WriteSectionAsync(caseId, Section("assessment", new { level = "Low" }));
        var second = await Store.WriteSectionAsync(caseId, Section("assessment", new { level = "High" }, by: "assessor1.almaty"));

        Assert.Equal(1, first.Version);
        Assert.Equal(2, second.Version);
        var history = await Store.ReadSectionHistoryAsync(caseId, DataTier.RiskAssessment, "assessment");
        Assert.Equal([(1, "Low", "coordinator.almaty"), (2, "High", "assessor1.almaty")], history.Select(s => (s.Version, s.Data.GetProperty("level").GetString(), s.UpdatedBy)));
    }

    [Fact]
    public async Task ReadSections_AfterAnOverwrite_ReturnsOnlyTheCurrentVersion()
    {
        var caseId = NewCase();
        await Store.WriteSectionAsync(caseId, Section("assessment", new { level = "Low" }));
        await Store.WriteSectionAsync(caseId, Section("assessment", new { level = "High" }));

        var current = Assert.Single(await Store.ReadSectionsAsync(caseId));
        Assert.Equal((2, "High"), (current.Version, current.Data.GetProperty("level").GetString()));
    }

    [Fact]
    public async Task WriteSection_SameDataAgain_AddsNoVersion()
    {
        var caseId = NewCase();
        await Store.WriteSectionAsync(caseId, Section("assessment", new { level = "Low" }));

        var repeated = await Store.WriteSectionAsync(caseId, Section("assessment", new { level = "Low" }));

        Assert.Equal(1, repeated.Version);
        Assert.Single(await Store.ReadSectionHistoryAsync(caseId, DataTier.RiskAssessment, "assessment"));
    }

    [Fact]
    public async Task ReadSectionHistory_KeepsSectionsApartByTierAndName()
    {
        var caseId = NewCase();
        await Store.WriteSectionAsync(caseId, Section("plan", new { v = 1 }));
        await Store.WriteSectionAsync(caseId, Section("plan", new { v = 2 }));
        await Store.WriteSectionAsync(caseId, Section("plan|b", new { v = 3 }));
        await Store.WriteSectionAsync(caseId, Section("plan|b", new { v = 4 }));
        await Store.WriteSectionAsync(caseId, Section("plan", new { v = 5 }, tier: DataTier.Health));

        var history = await Store.ReadSectionHistoryAsync(caseId, DataTier.RiskAssessment, "plan");

        Assert.Equal([1, 2], history.Select(s => s.Data.GetProperty("v").GetInt32()));
        Assert.Empty(await Store.ReadSectionHistoryAsync(caseId, DataTier.RiskAssessment, "missing"));
    }

    [Fact]
    public async Task WriteSection_Concurrently_KeepsEveryVersion()
    {
        var caseId = NewCase();

        var written = await Task.WhenAll(Enumerable.Range(1, 6).Select(i => Task.Run(() => Store.WriteSectionAsync(caseId, Section("assessment", new { v = i })))));

        var history = await Store.ReadSectionHistoryAsync(caseId, DataTier.RiskAssessment, "assessment");
        Assert.Equal(Enumerable.Range(1, 6), history.Select(s => s.Version));
        Assert.Equal(Enumerable.Range(1, 6), history.Select(s => s.Data.GetProperty("v").GetInt32()).Order());
        Assert.Equal(Enumerable.Range(1, 6), written.Select(s => s.Version).Order());
    }
}
