using System.Text.Json;
using Azure.Data.Tables;
using Microsoft.Extensions.Options;
using Workflows.Cases;
using Workflows.Storage;
using Workflows.Testing.Azurite;

namespace Workflows.Tests.Cases;

public sealed class CaseStoreSectionVersionsAzureTests : CaseStoreSectionVersionsContract, IAsyncLifetime
{
    private readonly AzureTableCaseStore _store;
    private readonly TableClient _table;

    public CaseStoreSectionVersionsAzureTests(AzuriteFixture azurite)
    {
        var service = new TableServiceClient(azurite.ConnectionString);
        var options = new WorkflowStorageOptions { UseInMemory = false, TablePrefix = "t" + Guid.NewGuid().ToString("N")[..10] };
        _store = new AzureTableCaseStore(service, Options.Create(options));
        _table = service.GetTableClient(options.TableName("Cases"));
    }

    protected override ICaseStore Store => _store;

    public async ValueTask InitializeAsync() => await _store.InitializeAsync();

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    [Fact]
    public async Task WriteSection_OverASectionStoredBeforeVersions_KeepsItAsVersionOne()
    {
        var caseId = NewCase();

        // A row as the store wrote it before versions: the section's JSON without a version, no Version column.
        var legacy = new { tier = "RiskAssessment", name = "assessment", data = new { level = "Low" }, updatedAt = DateTimeOffset.UnixEpoch, updatedBy = "coordinator.almaty" };
        await _table.AddEntityAsync(new TableEntity(caseId, "s|RiskAssessment|assessment") { ["Data"] = JsonSerializer.Serialize(legacy), ["Tier"] = "RiskAssessment" });

        var written = await _store.WriteSectionAsync(caseId, Section("assessment", new { level = "High" }));

        Assert.Equal(2, written.Version);
        var history = await _store.ReadSectionHistoryAsync(caseId, DataTier.RiskAssessment, "assessment");
        Assert.Equal([(1, "Low"), (2, "High")], history.Select(s => (s.Version, s.Data.GetProperty("level").GetString())));
    }
}
