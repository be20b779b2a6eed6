using System.Text.Json;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;
using Microsoft.Extensions.Options;
using Workflows.Engine.Client;
using Workflows.Engine.History;
using Workflows.Testing.Azurite;

namespace Workflows.Engine.AzureStorage.Tests;

/// <summary>Poison messages, large payloads, purge, timers release, index repair and settings.</summary>
public sealed class StorageBehaviourTests(AzuriteFixture azurite)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_message_delivered_too_often_is_set_aside_and_fails_the_instance_with_the_reason()
    {
        var hub = AzureStorageHarness.NewTaskHub();
        string id;
        await using (var client = await AzureStorageHarness.StartClientOnlyAsync(azurite.ConnectionString, hub))
        {
            id = await client.Client.ScheduleNewOrchestrationAsync("Test.Echo", "x", cancellationToken: Ct);
        }

        // Three failed deliveries (received, never deleted) before any worker runs.
        var queue = new QueueClient(azurite.ConnectionString, $"{hub}-control-{PartitionOf(id, 4):D2}");
        var deliveries = 0;
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (deliveries < 3)
        {
            Assert.True(DateTime.UtcNow < deadline, $"The start message was received only {deliveries} times.");
            var received = (await queue.ReceiveMessagesAsync(1, TimeSpan.FromSeconds(1), Ct)).Value;
            if (received.Length == 1)
            {
                deliveries++;
            }
            else
            {
                await Task.Delay(100, Ct);
            }
        }

        await using var h = await AzureStorageHarness.StartAsync(azurite.ConnectionString, TestOrchestrations.Register, hub, engine: o => o.MaxDequeueCount = 2);
        var state = await h.WaitForStateAsync(id, s => s.RuntimeStatus.IsTerminal(), "failed");
        Assert.Equal(OrchestrationRuntimeStatus.Failed, state.RuntimeStatus);
        Assert.Equal("PoisonMessage", state.FailureDetails!.ErrorType);
        var poison = new TableClient(azurite.ConnectionString, hub + "Poison");
        var rows = await poison.QueryAsync<TableEntity>(cancellationToken: Ct).ToListAsync(Ct);
        var row = Assert.Single(rows);
        Assert.Equal(id, row.GetString("InstanceId"));
        Assert.Contains("delivered 4 times", row.GetString("Reason"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task One_megabyte_input_and_output_round_trip_through_compressed_blobs()
    {
        await using var h = await AzureStorageHarness.StartAsync(azurite.ConnectionString, TestOrchestrations.Register);
        var random = new Random(7);
        var input = string.Concat(Enumerable.Range(0, 1024 * 1024 / 16).Select(_ => random.Next().ToString("x8", System.Globalization.CultureInfo.InvariantCulture) + random.Next().ToString("x8", System.Globalization.CultureInfo.InvariantCulture)));
        var id = await h.Client.ScheduleNewOrchestrationAsync("Test.Echo", input, cancellationToken: Ct);
        var state = await h.WaitForStateAsync(id, s => s.RuntimeStatus.IsTerminal(), "completed");
        Assert.Equal(OrchestrationRuntimeStatus.Completed, state.RuntimeStatus);
        Assert.Equal(input, h.Client.Converter.Deserialize<string>(state.Output));
        Assert.Equal(input, h.Client.Converter.Deserialize<string>(state.Input));
        var history = await h.Client.GetHistoryAsync(id, Ct);
        Assert.Equal(input, h.Client.Converter.Deserialize<string>(history.OfType<TaskCompletedEvent>().Single().Result));
        var blobs = new BlobContainerClient(azurite.ConnectionString, h.TaskHub + "-payloads");
        Assert.NotEmpty(await blobs.GetBlobsAsync(Azure.Storage.Blobs.Models.BlobTraits.None, Azure.Storage.Blobs.Models.BlobStates.None, id + "/", Ct).ToListAsync(Ct));
    }

    [Fact]
    public async Task Purge_by_filter_removes_history_index_rows_blobs_and_timers_in_pages()
    {
        await using var h = await AzureStorageHarness.StartAsync(azurite.ConnectionString, TestOrchestrations.Register);
        var big = new string('b', 100_000);
        var done = new List<string>();
        for (var i = 0; i < 4; i++)
        {
            done.Add(await h.Client.ScheduleNewOrchestrationAsync("Test.Echo", big + i, cancellationToken: Ct));
        }

        var sleeping = await h.Client.ScheduleNewOrchestrationAsync("Test.Sleep", 30, cancellationToken: Ct);
        await h.WaitForStateAsync(sleeping, s => s.NextTimerDueAt is not null, "a pending timer");
        await h.Client.TerminateAsync(sleeping, "not needed", cancellationToken: Ct);
        foreach (var id in done.Append(sleeping))
        {
            await h.WaitForStateAsync(id, s => s.RuntimeStatus.IsTerminal(), "finished");
        }

        var first = await h.Client.PurgeInstancesAsync(new PurgeFilter { Name = "test.echo", MaxInstances = 3 }, Ct);
        Assert.Equal((3, true), (first.InstancesDeleted, first.MoreRemaining));
        var second = await h.Client.PurgeInstancesAsync(new PurgeFilter { Name = "test.echo", MaxInstances = 3 }, Ct);
        Assert.Equal((1, false), (second.InstancesDeleted, second.MoreRemaining));
        Assert.Equal(1, (await h.Client.PurgeInstancesAsync(new PurgeFilter { RuntimeStatus = [OrchestrationRuntimeStatus.Terminated] }, Ct)).InstancesDeleted);

        var instances = new TableClient(azurite.ConnectionString, h.TaskHub + "Instances");
        Assert.Empty(await instances.QueryAsync<TableEntity>(cancellationToken: Ct).ToListAsync(Ct));
        var index = new TableClient(azurite.ConnectionString, h.TaskHub + "Index");
        Assert.Empty(await index.QueryAsync<TableEntity>(e => e.PartitionKey.CompareTo("I|") >= 0 && e.PartitionKey.CompareTo("J") < 0, cancellationToken: Ct).ToListAsync(Ct));
        var timers = new TableClient(azurite.ConnectionString, h.TaskHub + "Timers");
        Assert.Empty(await timers.QueryAsync<TableEntity>(cancellationToken: Ct).ToListAsync(Ct));
        var blobs = new BlobContainerClient(azurite.ConnectionString, h.TaskHub + "-payloads");
        Assert.Empty(await blobs.GetBlobsAsync(Azure.Storage.Blobs.Models.BlobTraits.None, Azure.Storage.Blobs.Models.BlobStates.None, null, Ct).ToListAsync(Ct));
        Assert.Empty((await h.Client.QueryInstancesAsync(new InstanceQuery(), Ct)).Instances);
    }

    [Fact]
    public async Task Purge_removes_the_tag_index_rows_and_a_timer_row_a_crash_left_behind()
    {
        await using var h = await AzureStorageHarness.StartAsync(azurite.ConnectionString, TestOrchestrations.Register);
        var tags = new Dictionary<string, string> { ["case"] = "c-17", ["unit"] = "north" };
        var id = await h.Client.ScheduleNewOrchestrationAsync("Test.Sleep", 30, new StartOrchestrationOptions { Tags = tags }, Ct);
        await h.WaitForStateAsync(id, s => s.NextTimerDueAt is not null, "a pending timer");
        var timers = new TableClient(azurite.ConnectionString, h.TaskHub + "Timers");
        var timer = Assert.Single(await timers.QueryAsync<TableEntity>(cancellationToken: Ct).ToListAsync(Ct));

        await h.Client.TerminateAsync(id, "not needed", cancellationToken: Ct);
        await h.WaitForStateAsync(id, s => s.RuntimeStatus == OrchestrationRuntimeStatus.Terminated, "terminated");
        await h.SettleAsync();
        Assert.Empty(await timers.QueryAsync<TableEntity>(cancellationToken: Ct).ToListAsync(Ct));

        // As if the host had died between the final checkpoint and deleting the timer row.
        var leftOver = new TableEntity(timer.PartitionKey, timer.RowKey);
        foreach (var name in new[] { "InstanceId", "Due", "Body" })
        {
            leftOver[name] = timer[name];
        }

        await timers.AddEntityAsync(leftOver, Ct);
        var index = new TableClient(azurite.ConnectionString, h.TaskHub + "Index");
        var tagRows = await index.QueryAsync<TableEntity>(e => e.PartitionKey.CompareTo("T|") >= 0 && e.PartitionKey.CompareTo("U") < 0, cancellationToken: Ct).ToListAsync(Ct);
        Assert.Equal(["T|case|c-17|Terminated", "T|unit|north|Terminated"], tagRows.Select(r => r.PartitionKey).Order());
        Assert.Equal(id, Assert.Single((await h.Client.QueryInstancesAsync(new InstanceQuery { Tags = new Dictionary<string, string> { ["unit"] = "north" } }, Ct)).Instances).InstanceId);

        Assert.Equal(1, (await h.Client.PurgeInstanceAsync(id, Ct)).InstancesDeleted);

        Assert.Empty(await timers.QueryAsync<TableEntity>(cancellationToken: Ct).ToListAsync(Ct));
        Assert.Empty(await index.QueryAsync<TableEntity>(e => e.PartitionKey.CompareTo("I|") >= 0 && e.PartitionKey.CompareTo("U") < 0, cancellationToken: Ct).ToListAsync(Ct));
        var instances = new TableClient(azurite.ConnectionString, h.TaskHub + "Instances");
        Assert.Empty(await instances.QueryAsync<TableEntity>(cancellationToken: Ct).ToListAsync(Ct));
        Assert.Empty((await h.Client.QueryInstancesAsync(new InstanceQuery { Tags = new Dictionary<string, string> { ["case"] = "c-17" } }, Ct)).Instances);
    }

    [Fact]
    public async Task Due_timers_are_moved_to_their_control_queue_as_visible_messages_when_no_host_runs()
    {
        var hub = AzureStorageHarness.NewTaskHub();
        await using (var h = await AzureStorageHarness.StartAsync(azurite.ConnectionString, TestOrchestrations.Register, hub))
        {
            var id = await h.Client.ScheduleNewOrchestrationAsync("Test.Sleep", 14, cancellationToken: Ct);
            await h.WaitForStateAsync(id, s => s.NextTimerDueAt is not null, "a pending timer");
        }

        await using var job = await AzureStorageHarness.StartClientOnlyAsync(azurite.ConnectionString, hub);
        Assert.Equal(0, await job.Backend.ReleaseDueTimersAsync(Ct));
        job.Clock.Advance(TimeSpan.FromDays(14) + TimeSpan.FromMinutes(1));
        Assert.Equal(1, await job.Backend.ReleaseDueTimersAsync(Ct));
        var visible = 0;
        for (var p = 0; p < 4; p++)
        {
            var queue = new QueueClient(azurite.ConnectionString, $"{hub}-control-{p:D2}");
            visible += (await queue.PeekMessagesAsync(32, Ct)).Value.Length;
        }

        Assert.Equal(1, visible);
    }

    [Fact]
    public async Task Stale_index_rows_left_by_a_crash_are_repaired()
    {
        await using var h = await AzureStorageHarness.StartAsync(azurite.ConnectionString, TestOrchestrations.Register);
        var id = await h.Client.ScheduleNewOrchestrationAsync("Test.Echo", "x", cancellationToken: Ct);
        await h.WaitForStateAsync(id, s => s.RuntimeStatus == OrchestrationRuntimeStatus.Completed, "completed");
        await h.SettleAsync();

        // As if the host died between the checkpoint and the index update.
        var index = new TableClient(azurite.ConnectionString, h.TaskHub + "Index");
        var row = Assert.Single(await index.QueryAsync<TableEntity>(e => e.PartitionKey == "I|test.echo|Completed", cancellationToken: Ct).ToListAsync(Ct));
        await index.DeleteEntityAsync(row.PartitionKey, row.RowKey, cancellationToken: Ct);
        await index.AddEntityAsync(new TableEntity("I|test.echo|Live", row.RowKey) { ["InstanceId"] = id }, Ct);
        Assert.Empty((await h.Client.QueryInstancesAsync(new InstanceQuery { RuntimeStatus = [OrchestrationRuntimeStatus.Completed] }, Ct)).Instances);

        Assert.Equal(1, await h.Backend.RepairIndexAsync(Ct));
        Assert.Equal([id], (await h.Client.QueryInstancesAsync(new InstanceQuery { RuntimeStatus = [OrchestrationRuntimeStatus.Completed] }, Ct)).Instances.Select(i => i.InstanceId));
        Assert.Empty(await index.QueryAsync<TableEntity>(e => e.PartitionKey == "I|test.echo|Live", cancellationToken: Ct).ToListAsync(Ct));
    }

    [Theory]
    [InlineData(null, null, "Workflows:Storage:ConnectionString or Workflows:Storage:AccountName must be set")]
    [InlineData("UseDevelopmentStorage=true", "Bad_Hub", "Workflows:Storage:TaskHub must be 3 to 45 lowercase letters and digits")]
    [InlineData("UseDevelopmentStorage=true", "1hub", "Workflows:Storage:TaskHub must be 3 to 45 lowercase letters and digits")]
    public void Settings_are_validated_with_messages_that_name_the_setting(string? connectionString, string? taskHub, string expected)
    {
        var options = new AzureStorageOptions { ConnectionString = connectionString, TaskHub = taskHub ?? "workflows" };
        var result = new AzureStorageOptionsValidator().Validate(null, options);
        Assert.True(result.Failed);
        Assert.Contains(expected, result.FailureMessage, StringComparison.Ordinal);
        Assert.True(new AzureStorageOptionsValidator().Validate(null, new AzureStorageOptions { AccountName = "prisonflows" }).Succeeded);
    }

    [Fact]
    public void Queue_names_follow_the_task_hub_convention()
    {
        var backend = new AzureStorageOrchestrationBackend(
            Options.Create(new AzureStorageOptions { ConnectionString = azurite.ConnectionString, TaskHub = "hub7", PartitionCount = 3 }),
            Options.Create(new EngineOptions()),
            new Serialization.DataConverter(new JsonSerializerOptions(JsonSerializerDefaults.Web)),
            TimeProvider.System);
        Assert.Equal(["hub7-control-00", "hub7-control-01", "hub7-control-02", "hub7-workitems"], backend.QueueNames);
    }

    internal static int PartitionOf(string instanceId, int count)
    {
        var hash = 2166136261u;
        foreach (var b in System.Text.Encoding.UTF8.GetBytes(instanceId))
        {
            hash = unchecked((hash ^ b) * 16777619u);
        }

        return (int)(hash % (uint)count);
    }
}
