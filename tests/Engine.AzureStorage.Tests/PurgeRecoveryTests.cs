using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Workflows.Engine.Client;
using Workflows.Testing.Azurite;

namespace Workflows.Engine.AzureStorage.Tests;

/// <summary>A purge cut short by a crash is finished by whatever meets it next.</summary>
public sealed class PurgeRecoveryTests(AzuriteFixture azurite)
{
    private static readonly Dictionary<string, string> Tags = new() { ["case"] = "c-42" };

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("purge of the instance", 1)]
    [InlineData("purge by filter", 0)]
    [InlineData("index repair", 1)]
    public async Task A_purge_cut_short_after_deleting_history_is_finished_by_the_next(string next, int reported)
    {
        await using var h = await AzureStorageHarness.StartAsync(azurite.ConnectionString, TestOrchestrations.Register);
        var id = await CompletedWithBlobsAsync(h, "purged");
        await InterruptPurgeAsync(h, id);

        var result = next switch
        {
            "purge of the instance" => (await h.Client.PurgeInstanceAsync(id, Ct)).InstancesDeleted,
            "purge by filter" => (await h.Client.PurgeInstancesAsync(new PurgeFilter { Name = "test.echo" }, Ct)).InstancesDeleted,
            _ => await h.Backend.RepairIndexAsync(Ct),
        };

        Assert.Equal(reported, result);
        Assert.Empty(await RowsAsync(h, "Instances"));
        Assert.Empty(await RowsAsync(h, "Index", e => e.PartitionKey.CompareTo("I|") >= 0 && e.PartitionKey.CompareTo("U") < 0));
        Assert.Empty(await RowsAsync(h, "Index", e => e.PartitionKey == "purging"));
        Assert.Empty(await BlobsAsync(h, id));
    }

    [Fact]
    public async Task An_id_whose_purge_was_cut_short_can_be_started_again()
    {
        await using var h = await AzureStorageHarness.StartAsync(azurite.ConnectionString, TestOrchestrations.Register);
        var id = await CompletedWithBlobsAsync(h, "again");
        await InterruptPurgeAsync(h, id);

        await h.Client.ScheduleNewOrchestrationAsync("Test.Echo", "small", new StartOrchestrationOptions { InstanceId = id }, Ct);

        var state = await h.WaitForStateAsync(id, s => s.RuntimeStatus.IsTerminal(), "completed");
        Assert.Equal((OrchestrationRuntimeStatus.Completed, "\"small\""), (state.RuntimeStatus, state.Output));
        Assert.Empty(await BlobsAsync(h, id));
        Assert.Empty(await RowsAsync(h, "Index", e => e.PartitionKey == "purging"));
        Assert.Empty((await h.Client.QueryInstancesAsync(new InstanceQuery { Tags = Tags }, Ct)).Instances);
        Assert.Equal([id], (await h.Client.QueryInstancesAsync(new InstanceQuery { Name = "test.echo" }, Ct)).Instances.Select(i => i.InstanceId));
    }

    [Theory]
    [InlineData(120, false)]
    [InlineData(10, true)]
    public async Task A_journal_entry_whose_purge_never_started_leaves_the_instance_alone(int secondsOld, bool kept)
    {
        await using var h = await AzureStorageHarness.StartAsync(azurite.ConnectionString, TestOrchestrations.Register);
        var id = await CompletedWithBlobsAsync(h, "noted");

        // As if a host died between noting the purge and marking the state row (or is between them now).
        var index = new TableClient(azurite.ConnectionString, h.TaskHub + "Index");
        await index.AddEntityAsync(new TableEntity("purging", id) { ["InstanceId"] = id, ["StartedAt"] = h.UtcNow.AddSeconds(-secondsOld) }, Ct);

        Assert.Equal(0, await h.Backend.RepairIndexAsync(Ct));

        Assert.Equal(kept, (await RowsAsync(h, "Index", e => e.PartitionKey == "purging")).Count == 1);
        Assert.Equal(OrchestrationRuntimeStatus.Completed, (await h.Client.GetInstanceAsync(id, cancellationToken: Ct))!.RuntimeStatus);
        Assert.NotEmpty(await h.Client.GetHistoryAsync(id, Ct));
        Assert.NotEmpty(await BlobsAsync(h, id));
    }

    /// <summary>A finished instance with a tag, history, index rows and blobs (its input and output are large).</summary>
    private async Task<string> CompletedWithBlobsAsync(AzureStorageHarness h, string prefix)
    {
        var id = await h.Client.ScheduleNewOrchestrationAsync("Test.Echo", new string('b', 100_000), new StartOrchestrationOptions { InstanceId = prefix + "-" + Guid.NewGuid().ToString("N")[..8], Tags = Tags }, Ct);
        await h.WaitForStateAsync(id, s => s.RuntimeStatus == OrchestrationRuntimeStatus.Completed, "completed");
        await h.SettleAsync();
        Assert.NotEmpty(await BlobsAsync(h, id));
        return id;
    }

    /// <summary>Purges the instance as a host that dies right after deleting its history rows would.</summary>
    private async Task InterruptPurgeAsync(AzureStorageHarness h, string id)
    {
        h.Backend.PurgeStepDone = step => throw new InvalidOperationException("The host died after " + step + ".");
        await Assert.ThrowsAsync<InvalidOperationException>(() => h.Backend.PurgeInstanceAsync(id, Ct));
        h.Backend.PurgeStepDone = null;

        // Gone for every reader at once; only the tombstone is left of its partition, the rest waits.
        Assert.Null(await h.Client.GetInstanceAsync(id, cancellationToken: Ct));
        Assert.Empty(await h.Client.GetHistoryAsync(id, Ct));
        Assert.Equal(["s"], (await RowsAsync(h, "Instances")).Select(r => r.RowKey));
        Assert.NotEmpty(await RowsAsync(h, "Index", e => e.PartitionKey == "T|case|c-42|Completed"));
        Assert.NotEmpty(await BlobsAsync(h, id));
        Assert.Equal(id, Assert.Single(await RowsAsync(h, "Index", e => e.PartitionKey == "purging")).GetString("InstanceId"));
    }

    private async Task<List<TableEntity>> RowsAsync(AzureStorageHarness h, string table, System.Linq.Expressions.Expression<Func<TableEntity, bool>>? filter = null)
    {
        var client = new TableClient(azurite.ConnectionString, h.TaskHub + table);
        return filter is null
            ? await client.QueryAsync<TableEntity>(cancellationToken: Ct).ToListAsync(Ct)
            : await client.QueryAsync(filter, cancellationToken: Ct).ToListAsync(Ct);
    }

    private async Task<List<BlobItem>> BlobsAsync(AzureStorageHarness h, string id) =>
        await new BlobContainerClient(azurite.ConnectionString, h.TaskHub + "-payloads").GetBlobsAsync(BlobTraits.None, BlobStates.None, id + "/", Ct).ToListAsync(Ct);
}
