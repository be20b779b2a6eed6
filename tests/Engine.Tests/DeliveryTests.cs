using Microsoft.Extensions.DependencyInjection;
using Workflows.Engine.Backend;
using Workflows.Engine.History;
using Workflows.Engine.Hosting;
using Workflows.Engine.Testing;

namespace Workflows.Engine.Tests;

/// <summary>Duplicate, late and out-of-order deliveries change nothing.</summary>
public sealed class DeliveryTests
{
    private static OrchestrationTestHost CreateHost() => OrchestrationTestHost.Create(engine => engine
        .AddActivity<int, int>("Square", n => n * n)
        .AddOrchestration<int, int>("Squares", async (ctx, n) =>
        {
            var a = await ctx.CallActivityAsync<int>("Square", n);
            var b = await ctx.WaitForExternalEvent<int>("more");
            return a + b;
        }));

    [Fact]
    public async Task Duplicate_task_completion_is_not_appended_to_history()
    {
        await using var host = CreateHost();
        var id = await host.StartAsync("Squares", 3);
        var before = await host.GetHistoryAsync(id);
        var state = await host.GetStateAsync(id);

        await host.Backend.SendMessageAsync(new OrchestrationMessage
        {
            InstanceId = id,
            ExecutionId = state.ExecutionId,
            Event = new TaskCompletedEvent { TaskScheduledId = 0, Result = "1000", Timestamp = host.UtcNow },
        }, TestContext.Current.CancellationToken);
        await host.RunUntilIdleAsync();

        Assert.Equal(before, await host.GetHistoryAsync(id));
        await host.RaiseEventAsync(id, "more", 1);
        Assert.Equal(10, await host.GetOutputAsync<int>(id));
    }

    [Fact]
    public async Task Result_from_a_previous_execution_is_dropped()
    {
        await using var host = CreateHost();
        var id = await host.StartAsync("Squares", 3);
        var before = await host.GetHistoryAsync(id);

        await host.Backend.SendMessageAsync(new OrchestrationMessage
        {
            InstanceId = id,
            ExecutionId = "an-older-execution",
            Event = new TaskCompletedEvent { TaskScheduledId = 0, Result = "1000", Timestamp = host.UtcNow },
        }, TestContext.Current.CancellationToken);
        await host.RunUntilIdleAsync();

        Assert.Equal(before, await host.GetHistoryAsync(id));
    }

    [Fact]
    public async Task Result_for_a_step_not_yet_in_history_is_deferred_not_lost()
    {
        await using var host = OrchestrationTestHost.Create(engine => engine
            .AddOrchestration<string, string>("Waiting", (ctx, _) => ctx.WaitForExternalEvent<string>("go")));
        var id = await host.StartAsync("Waiting");
        var state = await host.GetStateAsync(id);

        await host.Backend.SendMessageAsync(new OrchestrationMessage
        {
            InstanceId = id,
            ExecutionId = state.ExecutionId,
            Event = new TaskCompletedEvent { TaskScheduledId = 7, Result = "1", Timestamp = host.UtcNow },
        }, TestContext.Current.CancellationToken);
        await host.RunUntilIdleAsync();

        Assert.Equal(1, host.Backend.PendingWorkCount);
        Assert.DoesNotContain(await host.GetHistoryAsync(id), e => e is TaskCompletedEvent);
    }

    [Fact]
    public async Task Result_that_can_never_apply_becomes_poison_after_the_dequeue_limit()
    {
        await using var host = OrchestrationTestHost.Create(engine => engine
            .Configure(o => o.MaxDequeueCount = 3)
            .AddOrchestration<string, string>("Waiting", (ctx, _) => ctx.WaitForExternalEvent<string>("go")));
        var id = await host.StartAsync("Waiting");
        var state = await host.GetStateAsync(id);

        await host.Backend.SendMessageAsync(new OrchestrationMessage
        {
            InstanceId = id,
            ExecutionId = state.ExecutionId,
            Event = new TaskCompletedEvent { TaskScheduledId = 7, Result = "1", Timestamp = host.UtcNow },
        }, TestContext.Current.CancellationToken);

        // Each deferral waits the engine's retry interval and keeps its count: after the limit it is poison.
        await host.AdvanceAsync(TimeSpan.FromMinutes(1));

        var failed = await host.GetStateAsync(id);
        Assert.Equal(OrchestrationRuntimeStatus.Failed, failed.RuntimeStatus);
        Assert.Equal("PoisonMessage", failed.FailureDetails!.InnerFailure?.ErrorType ?? failed.FailureDetails.ErrorType);
    }

    [Fact]
    public async Task Event_for_a_finished_instance_is_consumed_without_change()
    {
        await using var host = CreateHost();
        var id = await host.StartAsync("Squares", 2);
        await host.RaiseEventAsync(id, "more", 1);
        var before = await host.GetHistoryAsync(id);

        await host.Backend.SendMessageAsync(new OrchestrationMessage
        {
            InstanceId = id,
            Event = new EventRaisedEvent { Name = "more", Input = "5", MessageId = "late", Timestamp = host.UtcNow },
        }, TestContext.Current.CancellationToken);
        await host.RunUntilIdleAsync();

        Assert.Equal(before, await host.GetHistoryAsync(id));
        Assert.Equal(0, host.Backend.PendingWorkCount);
    }

    [Fact]
    public async Task Redelivered_activity_gets_the_same_idempotency_key()
    {
        var keys = new List<string>();
        await using var host = OrchestrationTestHost.Create(engine => engine
            .AddActivity<string, string>("SendEmail", (context, _) =>
            {
                keys.Add(context.IdempotencyKey);
                return Task.FromResult("sent");
            })
            .AddOrchestration<string, string>("Mailer", (ctx, _) => ctx.CallActivityAsync<string>("SendEmail", "hello")));
        await host.Client.ScheduleNewOrchestrationAsync("Mailer");
        var worker = host.Services.GetRequiredService<OrchestrationWorker>();
        await worker.ProcessOrchestrationWorkItemAsync(host.Backend.TryLockNextOrchestrationWorkItem()!, TestContext.Current.CancellationToken);

        // A worker takes the activity and dies before reporting: the backend delivers it again.
        var first = host.Backend.TryLockNextActivityWorkItem()!;
        await host.Backend.AbandonActivityWorkItemAsync(first, null, TestContext.Current.CancellationToken);
        var second = host.Backend.TryLockNextActivityWorkItem()!;
        Assert.Equal(2, second.DequeueCount);
        await host.Backend.AbandonActivityWorkItemAsync(second, null, TestContext.Current.CancellationToken);
        await host.RunUntilIdleAsync();

        Assert.Equal([first.IdempotencyKey], keys);
        Assert.Equal(first.IdempotencyKey, second.IdempotencyKey);
    }
}
