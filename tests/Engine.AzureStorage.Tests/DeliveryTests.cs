using Azure.Data.Tables;
using Azure.Storage.Queues;
using Workflows.Engine.Backend;
using Workflows.Engine.History;
using Workflows.Testing.Azurite;

namespace Workflows.Engine.AzureStorage.Tests;

/// <summary>Messages that cannot be applied yet, and messages delivered too often, on Azure Storage.</summary>
public sealed class DeliveryTests(AzuriteFixture azurite)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_completion_that_overtakes_its_task_waits_the_engines_retry_interval_then_applies()
    {
        var gate = new ActivityGate();
        var retry = TimeSpan.FromMinutes(10);
        await using var h = await AzureStorageHarness.StartAsync(azurite.ConnectionString, gate.Register, engine: o => o.DeferredMessageRetryInterval = retry);
        var id = await h.Client.ScheduleNewOrchestrationAsync("Test.WaitThenGate", "in-", cancellationToken: Ct);
        var running = await h.WaitForStateAsync(id, s => s.RuntimeStatus == OrchestrationRuntimeStatus.Running, "running");

        // The result of step 0 arrives before the step is in history (it is taken only after "go").
        var early = Result(id, running.ExecutionId, taskId: 0, "\"early\"", h.UtcNow);
        var deferredAt = h.UtcNow;
        await h.Backend.SendMessageAsync(early, Ct);

        // Longer than a minute, the retry waits in the timers table on the engine's clock.
        var row = await WaitForTimerRowAsync(h, id);
        Assert.Equal(deferredAt + retry, row.GetDateTimeOffset("Due")!.Value, TimeSpan.FromSeconds(1));
        Assert.Empty((await h.Client.GetHistoryAsync(id, Ct)).OfType<TaskCompletedEvent>());

        // Step 0 is taken; its activity never finishes, so only the early result can complete it.
        await h.Client.RaiseEventAsync(id, "go", "x", cancellationToken: Ct);
        await MultiHostTests.WaitUntilAsync(() => gate.Waiting == 1, "the gated activity running");
        await h.AdvanceAsync(retry);

        var state = await h.WaitForStateAsync(id, s => s.RuntimeStatus.IsTerminal(), "completed");
        Assert.Equal(OrchestrationRuntimeStatus.Completed, state.RuntimeStatus);
        Assert.Equal("\"early\"", state.Output);
    }

    [Fact]
    public async Task A_task_completion_delivered_again_after_it_was_applied_changes_nothing()
    {
        await using var h = await AzureStorageHarness.StartAsync(azurite.ConnectionString, TestOrchestrations.Register, worker: false);
        var id = await h.Client.ScheduleNewOrchestrationAsync("Test.LongChain", 1, cancellationToken: Ct);
        await h.Worker.ProcessOrchestrationWorkItemAsync(await h.NextOrchestrationWorkItemAsync(), Ct);
        await h.Worker.ProcessActivityWorkItemAsync(await h.NextActivityWorkItemAsync(), Ct);
        var first = await h.NextOrchestrationWorkItemAsync();
        var completion = Assert.Single(first.Messages);
        Assert.IsType<TaskCompletedEvent>(completion.Event);
        await h.Worker.ProcessOrchestrationWorkItemAsync(first, Ct);
        var before = await h.Client.GetHistoryAsync(id, Ct);

        // The very same result again, as when the activity's host died after sending it but before
        // deleting its work item, and another host ran the activity again.
        await h.Backend.SendMessageAsync(completion with { DequeueCount = 0 }, Ct);
        var again = await h.NextOrchestrationWorkItemAsync();
        Assert.Equal(completion.MessageId, Assert.Single(again.Messages).MessageId);
        await h.Worker.ProcessOrchestrationWorkItemAsync(again, Ct);

        Assert.Equal(before, await h.Client.GetHistoryAsync(id, Ct));
        await h.Client.RaiseEventAsync(id, "go", "x", cancellationToken: Ct);
        await h.Worker.ProcessOrchestrationWorkItemAsync(await h.NextOrchestrationWorkItemAsync(), Ct);
        var state = await h.Client.GetInstanceAsync(id, true, Ct);
        Assert.Equal((OrchestrationRuntimeStatus.Completed, "1"), (state!.RuntimeStatus, state.Output));
        Assert.Single((await h.Client.GetHistoryAsync(id, Ct)).OfType<TaskCompletedEvent>());
    }

    [Fact]
    public async Task A_task_completion_sent_twice_before_the_orchestration_runs_is_applied_once()
    {
        var gate = new ActivityGate();
        await using var h = await AzureStorageHarness.StartAsync(azurite.ConnectionString, gate.Register);
        var id = await h.Client.ScheduleNewOrchestrationAsync("Test.WaitThenGate", "in-", cancellationToken: Ct);
        var running = await h.WaitForStateAsync(id, s => s.RuntimeStatus == OrchestrationRuntimeStatus.Running, "running");
        await h.Client.RaiseEventAsync(id, "go", "x", cancellationToken: Ct);
        await MultiHostTests.WaitUntilAsync(() => gate.Waiting == 1, "the gated activity running");

        // Step 0 is taken and its activity never finishes: only these two copies can complete it.
        var result = Result(id, running.ExecutionId, taskId: 0, "\"sent twice\"", h.UtcNow);
        await h.Backend.SendMessageAsync(result, Ct);
        await h.Backend.SendMessageAsync(result, Ct);

        var state = await h.WaitForStateAsync(id, s => s.RuntimeStatus.IsTerminal(), "completed");
        await h.SettleAsync();
        Assert.Equal((OrchestrationRuntimeStatus.Completed, "\"sent twice\""), (state.RuntimeStatus, state.Output));
        var history = await h.Client.GetHistoryAsync(id, Ct);
        Assert.Single(history.OfType<TaskCompletedEvent>());
        Assert.Single(history.OfType<ExecutionCompletedEvent>());
    }

    [Fact]
    public async Task A_message_deferred_again_and_again_keeps_its_delivery_count_and_becomes_poison()
    {
        await using var h = await AzureStorageHarness.StartAsync(azurite.ConnectionString, TestOrchestrations.Register, engine: o =>
        {
            o.MaxDequeueCount = 2;
            o.DeferredMessageRetryInterval = TimeSpan.FromMilliseconds(200);
        });
        var id = await h.Client.ScheduleNewOrchestrationAsync("Test.WaitThenEcho", "in-", cancellationToken: Ct);
        var running = await h.WaitForStateAsync(id, s => s.RuntimeStatus == OrchestrationRuntimeStatus.Running, "running");

        // A result for a step the orchestration never takes: it can never be applied.
        var stray = Result(id, running.ExecutionId, taskId: 7, "\"stray\"", h.UtcNow) with { MessageId = "stray-result" };
        await h.Backend.SendMessageAsync(stray, Ct);

        var state = await h.WaitForStateAsync(id, s => s.RuntimeStatus.IsTerminal(), "failed");
        Assert.Equal(OrchestrationRuntimeStatus.Failed, state.RuntimeStatus);
        Assert.Equal("PoisonMessage", state.FailureDetails!.ErrorType);
        Assert.Contains("stray-result", state.FailureDetails.ErrorMessage, StringComparison.Ordinal);
        var row = Assert.Single(await PoisonRowsAsync(h.TaskHub));
        Assert.Equal((id, "stray-result"), (row.GetString("InstanceId"), row.GetString("MessageId")));
        Assert.StartsWith(h.TaskHub + "-control-", row.PartitionKey, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_activity_delivered_too_often_is_set_aside_and_fails_its_orchestration()
    {
        await using var h = await AzureStorageHarness.StartAsync(azurite.ConnectionString, TestOrchestrations.Register, engine: o => o.MaxDequeueCount = 2, worker: false);
        var id = await h.Client.ScheduleNewOrchestrationAsync("Test.Echo", "x", cancellationToken: Ct);
        await h.Worker.ProcessOrchestrationWorkItemAsync(await h.NextOrchestrationWorkItemAsync(), Ct);

        // No activity worker has run on this host yet, so the activity waits visible in the shared
        // queue: received three times and never completed, as by workers that crashed.
        var queue = new QueueClient(azurite.ConnectionString, h.TaskHub + "-workitems");
        await ReceiveAndDropAsync(queue, times: 3);

        var activity = await h.NextActivityWorkItemAsync();
        Assert.Equal(4, activity.DequeueCount);
        await h.Worker.ProcessActivityWorkItemAsync(activity, Ct);
        await h.Worker.ProcessOrchestrationWorkItemAsync(await h.NextOrchestrationWorkItemAsync(), Ct);

        var state = await h.Client.GetInstanceAsync(id, true, Ct);
        Assert.Equal(OrchestrationRuntimeStatus.Failed, state!.RuntimeStatus);
        Assert.Equal("PoisonMessage", state.FailureDetails!.InnerFailure!.ErrorType);
        var row = Assert.Single(await PoisonRowsAsync(h.TaskHub));
        Assert.Equal((h.TaskHub + "-workitems", id), (row.PartitionKey, row.GetString("InstanceId")));
        Assert.Contains("delivered 4 times", row.GetString("Reason"), StringComparison.Ordinal);
        Assert.Empty((await queue.PeekMessagesAsync(32, Ct)).Value);
    }

    [Fact]
    public async Task A_timer_delivered_too_often_from_its_row_is_set_aside_and_fails_the_instance()
    {
        await using var h = await AzureStorageHarness.StartAsync(azurite.ConnectionString, TestOrchestrations.Register, engine: o => o.MaxDequeueCount = 2, worker: false);
        var id = await h.Client.ScheduleNewOrchestrationAsync("Test.Sleep", 1, cancellationToken: Ct);
        await h.Worker.ProcessOrchestrationWorkItemAsync(await h.NextOrchestrationWorkItemAsync(), Ct);
        h.Clock.Advance(TimeSpan.FromDays(1) + TimeSpan.FromMinutes(1));

        // Delivered from its row and given back twice, as by workers that could not finish it.
        for (var delivery = 1; delivery <= 2; delivery++)
        {
            var item = await h.NextOrchestrationWorkItemAsync();
            var timer = Assert.Single(item.Messages);
            Assert.IsType<TimerFiredEvent>(timer.Event);
            Assert.Equal(delivery, timer.DequeueCount);
            await h.Backend.AbandonOrchestrationWorkItemAsync(item, cancellationToken: Ct);
        }

        var last = await h.NextOrchestrationWorkItemAsync();
        Assert.Equal(3, Assert.Single(last.Messages).DequeueCount);
        await h.Worker.ProcessOrchestrationWorkItemAsync(last, Ct);

        var state = await h.Client.GetInstanceAsync(id, true, Ct);
        Assert.Equal(OrchestrationRuntimeStatus.Failed, state!.RuntimeStatus);
        Assert.Equal("PoisonMessage", state.FailureDetails!.ErrorType);
        var row = Assert.Single(await PoisonRowsAsync(h.TaskHub));
        Assert.Equal((h.TaskHub + "Timers", id), (row.PartitionKey, row.GetString("InstanceId")));
        var timers = new TableClient(azurite.ConnectionString, h.TaskHub + "Timers");
        Assert.Empty(await timers.QueryAsync<TableEntity>(cancellationToken: Ct).ToListAsync(Ct));
    }

    private static OrchestrationMessage Result(string instanceId, string executionId, int taskId, string result, DateTimeOffset now) => new()
    {
        InstanceId = instanceId,
        ExecutionId = executionId,
        MessageId = $"{instanceId}:{executionId}:{taskId}:result",
        EnqueuedAt = now,
        Event = new TaskCompletedEvent { TaskScheduledId = taskId, Result = result, Timestamp = now },
    };

    private static async Task ReceiveAndDropAsync(QueueClient queue, int times)
    {
        var received = 0;
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (received < times)
        {
            Assert.True(DateTime.UtcNow < deadline, $"The message was received only {received} times.");
            if ((await queue.ReceiveMessagesAsync(1, TimeSpan.FromSeconds(1), Ct)).Value.Length == 1)
            {
                received++;
            }
            else
            {
                await Task.Delay(100, Ct);
            }
        }
    }

    private async Task<TableEntity> WaitForTimerRowAsync(AzureStorageHarness h, string instanceId)
    {
        var timers = new TableClient(azurite.ConnectionString, h.TaskHub + "Timers");
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            var rows = await timers.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"InstanceId eq {instanceId}"), cancellationToken: Ct).ToListAsync(Ct);
            if (rows.Count > 0)
            {
                return Assert.Single(rows);
            }

            Assert.True(DateTime.UtcNow < deadline, $"No timer row for {instanceId}. {h.Diagnostics()}");
            await Task.Delay(100, Ct);
        }
    }

    private async Task<List<TableEntity>> PoisonRowsAsync(string taskHub) =>
        await new TableClient(azurite.ConnectionString, taskHub + "Poison").QueryAsync<TableEntity>(cancellationToken: Ct).ToListAsync(Ct);
}
