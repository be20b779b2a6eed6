using Workflows.Engine.History;
using Workflows.Engine.Testing;

namespace Workflows.Engine.Tests;

public sealed class TimerTests
{
    [Fact]
    public async Task Ninety_day_orchestration_with_twenty_timers_fires_each_on_its_day()
    {
        var fired = new List<DateTimeOffset>();
        await using var host = OrchestrationTestHost.Create(engine => engine
            .AddActivity<DateTimeOffset, bool>("Record", at => { fired.Add(at); return true; })
            .AddOrchestration<int, int>("NinetyDays", async (ctx, timers) =>
            {
                var start = ctx.CurrentUtcDateTime;
                for (var i = 1; i <= timers; i++)
                {
                    await ctx.CreateTimer(start + TimeSpan.FromDays(90.0 * i / timers));
                    await ctx.CallActivityAsync<bool>("Record", ctx.CurrentUtcDateTime);
                }

                return timers;
            }));
        var start = host.UtcNow;
        var id = await host.StartAsync("NinetyDays", 20);
        await host.AdvanceAsync(TimeSpan.FromDays(90));

        Assert.Equal(OrchestrationRuntimeStatus.Completed, (await host.GetStateAsync(id)).RuntimeStatus);
        Assert.Equal(Enumerable.Range(1, 20).Select(i => start + TimeSpan.FromDays(90.0 * i / 20)), fired);
        Assert.Equal(20, (await host.GetHistoryAsync(id)).OfType<TimerFiredEvent>().Count());
    }

    [Fact]
    public async Task Timers_of_many_instances_fire_in_due_order()
    {
        var order = new List<int>();
        await using var host = OrchestrationTestHost.Create(engine => engine
            .AddActivity<int, int>("Mark", n => { order.Add(n); return n; })
            .AddOrchestration<int, int>("Sleep", async (ctx, days) =>
            {
                await ctx.CreateTimer(TimeSpan.FromDays(days));
                return await ctx.CallActivityAsync<int>("Mark", days);
            }));
        foreach (var days in new[] { 5, 1, 30, 7, 2 })
        {
            await host.StartAsync("Sleep", days);
        }

        await host.AdvanceAsync(TimeSpan.FromDays(31));
        Assert.Equal([1, 2, 5, 7, 30], order);
    }

    [Fact]
    public async Task Timer_longer_than_a_year_fires()
    {
        await using var host = OrchestrationTestHost.Create(engine => engine
            .AddOrchestration<string, string>("Retention", async (ctx, _) =>
            {
                await ctx.CreateTimer(TimeSpan.FromDays(365 * 5));
                return "purge now";
            }));
        var id = await host.StartAsync("Retention");
        await host.AdvanceAsync(TimeSpan.FromDays(365 * 5 - 1));
        Assert.Equal(OrchestrationRuntimeStatus.Running, (await host.GetStateAsync(id)).RuntimeStatus);
        await host.AdvanceAsync(TimeSpan.FromDays(1));
        Assert.Equal("purge now", await host.GetOutputAsync<string>(id));
    }

    [Fact]
    public async Task Event_and_timer_delivered_in_one_episode_are_applied_in_arrival_order()
    {
        await using var host = OrchestrationTestHost.Create(engine => engine
            .AddOrchestration<string, string>("Race", async (ctx, _) =>
            {
                try
                {
                    return await ctx.WaitForExternalEvent<string>("answer", TimeSpan.FromHours(1));
                }
                catch (TimeoutException)
                {
                    return "timeout";
                }
            }));
        var id = await host.StartAsync("Race");

        // The clock passes the deadline, then the event arrives, before any worker runs: the timer
        // message is older, so the timeout wins and the event stays buffered.
        host.Clock.Advance(TimeSpan.FromHours(2));
        await host.Client.RaiseEventAsync(id, "answer", "too late");
        await host.RunUntilIdleAsync();

        Assert.Equal("timeout", await host.GetOutputAsync<string>(id));
    }

    [Fact]
    public async Task Cancelled_timer_is_not_scheduled_when_cancelled_in_the_same_episode()
    {
        await using var host = OrchestrationTestHost.Create(engine => engine
            .AddOrchestration<string, string>("CancelAtOnce", async (ctx, _) =>
            {
                using var cts = new CancellationTokenSource();
                var timer = ctx.CreateTimer(TimeSpan.FromDays(10), cts.Token);
#pragma warning disable CA1849
                cts.Cancel();
#pragma warning restore CA1849
                await Assert.ThrowsAnyAsync<OperationCanceledException>(() => timer);
                return await ctx.WaitForExternalEvent<string>("go");
            }));
        var id = await host.StartAsync("CancelAtOnce");

        // Still running: a failed assertion inside the orchestrator would have failed the instance instead.
        Assert.Equal(OrchestrationRuntimeStatus.Running, (await host.GetStateAsync(id)).RuntimeStatus);
        Assert.Null((await host.GetStateAsync(id)).NextTimerDueAt);
        Assert.Null(host.Backend.NextDueTime());
        Assert.Single((await host.GetHistoryAsync(id)).OfType<TimerCreatedEvent>());
    }
}
