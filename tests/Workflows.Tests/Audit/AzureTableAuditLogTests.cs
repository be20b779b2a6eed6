using Azure.Data.Tables;
using Microsoft.Extensions.Options;
using Workflows.Audit;
using Workflows.Storage;
using Workflows.Testing.Azurite;

namespace Workflows.Tests.Audit;

public sealed class AzureTableAuditLogTests : AuditLogContract, IAsyncLifetime
{
    private readonly AzureTableAuditLog _log;
    private readonly TableClient _table;

    public AzureTableAuditLogTests(AzuriteFixture azurite)
    {
        var service = new TableServiceClient(azurite.ConnectionString);
        var options = new WorkflowStorageOptions { UseInMemory = false, TablePrefix = "t" + Guid.NewGuid().ToString("N")[..10] };
        _log = new AzureTableAuditLog(service, Options.Create(options), TimeProvider.System);
        _table = service.GetTableClient(options.TableName("Audit"));
    }

    protected override IAuditLog Log => _log;

    public async ValueTask InitializeAsync() => await _log.InitializeAsync();

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    [Fact]
    public async Task Verify_EditedEntry_IsDetected()
    {
        var caseId = await ThreeEntriesAsync();
        var entity = (await _table.GetEntityAsync<TableEntity>(caseId, "e000000000002")).Value;
        entity["Reason"] = "nothing happened";
        await _table.UpdateEntityAsync(entity, entity.ETag, TableUpdateMode.Replace);

        var result = await _log.VerifyAsync(caseId);
        Assert.False(result.IsValid);
        Assert.Equal(2, result.BrokenAt);
    }

    [Fact]
    public async Task Verify_DeletedEntry_IsDetected()
    {
        var caseId = await ThreeEntriesAsync();
        await _table.DeleteEntityAsync(caseId, "e000000000002");

        var result = await _log.VerifyAsync(caseId);
        Assert.False(result.IsValid);
        Assert.Equal(2, result.BrokenAt);
    }

    [Fact]
    public async Task Verify_DeletedLastEntry_IsDetected()
    {
        var caseId = await ThreeEntriesAsync();
        await _table.DeleteEntityAsync(caseId, "e000000000003");

        Assert.False((await _log.VerifyAsync(caseId)).IsValid);
    }

    [Fact]
    public async Task Verify_ReorderedEntries_AreDetected()
    {
        var caseId = await ThreeEntriesAsync();
        var first = (await _table.GetEntityAsync<TableEntity>(caseId, "e000000000001")).Value;
        var second = (await _table.GetEntityAsync<TableEntity>(caseId, "e000000000002")).Value;
        var swappedFirst = new TableEntity(second) { RowKey = first.RowKey };
        var swappedSecond = new TableEntity(first) { RowKey = second.RowKey };
        await _table.UpsertEntityAsync(swappedFirst, TableUpdateMode.Replace);
        await _table.UpsertEntityAsync(swappedSecond, TableUpdateMode.Replace);

        var result = await _log.VerifyAsync(caseId);
        Assert.False(result.IsValid);
        Assert.Equal(1, result.BrokenAt);
    }

    private async Task<string> ThreeEntriesAsync()
    {
        var caseId = NewCase();
        await _log.AppendAsync(Record(caseId, "A"));
        await _log.AppendAsync(Record(caseId, "B"));
        await _log.AppendAsync(Record(caseId, "C"));
        return caseId;
    }
}
