using System.Globalization;
using Azure.Data.Tables;
using Workflows.Engine.History;
using Workflows.Testing.Azurite;

namespace Workflows.Engine.AzureStorage.Tests;

/// <summary>
/// Histories that do not fit the simple case: a checkpoint too large for a table row (kept in a blob)
/// and a history longer than one 1000-row query page. Each is written by one host and replayed from
/// storage by another, whose history cache is empty. Run alone: the long history takes about 3 000
/// storage round trips one after another, seconds alone but minutes beside the rest of the suite.
/// </summary>
[Collection(nameof(RunsAlone))]
public sealed class HistoryStorageTests(AzuriteFixture azurite)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_history_row_too_large_for_a_table_row_goes_to_a_blob_and_replays_from_it()
    {
        var hub = AzureStorageHarness.NewTaskHub();

        // Random bytes in base64 compress poorly: the first checkpoint is far above a row's 768 KiB of binary properties.
        var bytes = new byte[1024 * 1024];
        new Random(11).NextBytes(bytes);
        var input = Convert.ToBase64String(bytes);
        string id;
        await using (var writer = await AzureStorageHarness.StartAsync(azurite.ConnectionString, TestOrchestrations.Register, hub))
        {
            id = await writer.Client.ScheduleNewOrchestrationAsync("Test.WaitThenEcho", input, cancellationToken: Ct);
            await writer.WaitForStateAsync(id, s => s.RuntimeStatus == OrchestrationRuntimeStatus.Running, "running");
        }

        var instances = new TableClient(azurite.ConnectionString, hub + "Instances");
        var rows = await instances.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {id}"), cancellationToken: Ct).ToListAsync(Ct);
        var first = Assert.Single(rows, r => r.RowKey.StartsWith("h|", StringComparison.Ordinal));
        Assert.StartsWith(id + "/history-", first.GetString("Blob"), StringComparison.Ordinal);

        await using var reader = await AzureStorageHarness.StartAsync(azurite.ConnectionString, TestOrchestrations.Register, hub);
        await reader.Client.RaiseEventAsync(id, "go", "!", cancellationToken: Ct);
        var state = await reader.WaitForStateAsync(id, s => s.RuntimeStatus.IsTerminal(), "completed");
        Assert.Equal(OrchestrationRuntimeStatus.Completed, state.RuntimeStatus);
        Assert.Equal(input + "!", reader.Client.Converter.Deserialize<string>(state.Output));
        var history = await reader.Client.GetHistoryAsync(id, Ct);
        Assert.Equal(input, reader.Client.Converter.Deserialize<string>(history.OfType<ExecutionStartedEvent>().Single().Input));
        Assert.Equal(state.HistoryLength, history.Count);
    }

    [Fact]
    public async Task A_history_longer_than_one_query_page_round_trips()
    {
        const int Steps = 1001;
        var hub = AzureStorageHarness.NewTaskHub();
        string id;
        await using (var writer = await AzureStorageHarness.StartAsync(azurite.ConnectionString, TestOrchestrations.Register, hub))
        {
            id = await writer.Client.ScheduleNewOrchestrationAsync("Test.LongChain", Steps, cancellationToken: Ct);
            await writer.WaitForStateAsync(id, s => s.CustomStatus == "\"waiting\"", "waiting after the chain", TimeSpan.FromMinutes(5));
        }

        // One history row per checkpoint: more rows than one table query returns.
        var instances = new TableClient(azurite.ConnectionString, hub + "Instances");
        var rowKeys = await instances.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {id}"), select: ["RowKey"], cancellationToken: Ct).ToListAsync(Ct);
        Assert.True(rowKeys.Count(r => r.RowKey.StartsWith("h|", StringComparison.Ordinal)) > 1000, $"Only {rowKeys.Count} rows.");

        await using var reader = await AzureStorageHarness.StartAsync(azurite.ConnectionString, TestOrchestrations.Register, hub);
        await reader.Client.RaiseEventAsync(id, "go", "now", cancellationToken: Ct);
        var state = await reader.WaitForStateAsync(id, s => s.RuntimeStatus.IsTerminal(), "completed");
        Assert.Equal(OrchestrationRuntimeStatus.Completed, state.RuntimeStatus);
        Assert.Equal(Steps.ToString(CultureInfo.InvariantCulture), state.Output);
        var history = await reader.Client.GetHistoryAsync(id, Ct);
        Assert.Equal(state.HistoryLength, history.Count);
        Assert.Equal(Enumerable.Range(0, Steps), history.OfType<TaskCompletedEvent>().Select(e => e.TaskScheduledId));
        Assert.IsType<ExecutionCompletedEvent>(history[^1]);
    }
}
