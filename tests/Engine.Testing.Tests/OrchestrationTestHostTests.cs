using Workflows.Engine.History;

namespace Workflows.Engine.Testing.Tests;

/// <summary>The time-skipping host's own helpers, which the domain's tests lean on.</summary>
public sealed class OrchestrationTestHostTests
{
    public sealed record Progress(string Step, int Done);

    [Fact]
    public async Task GetCustomStatusAsync_ReadsTheTypedStatus()
    {
        await using var host = OrchestrationTestHost.Create(engine => engine
            .AddOrchestration<string, string>("Reporting", async (ctx, _) =>
            {
                ctx.SetCustomStatus(new Progress("screening", 2));
                return await ctx.WaitForExternalEvent<string>("go");
            }));
        var id = await host.StartAsync("Reporting");

        Assert.Equal(new Progress("screening", 2), await host.GetCustomStatusAsync<Progress>(id));
    }

    [Fact]
    public async Task AdvanceToAsync_FiresATimerAtItsExactDueTimeAndNotATickBefore()
    {
        await using var host = OrchestrationTestHost.Create(engine => engine
            .AddOrchestration<string, string>("Deadline", async (ctx, _) =>
            {
                await ctx.CreateTimer(TimeSpan.FromDays(5));
                return "due";
            }));
        var id = await host.StartAsync("Deadline");
        var due = OrchestrationTestHost.DefaultStartTime.AddDays(5);

        await host.AdvanceToAsync(due.AddTicks(-1));
        Assert.Equal(OrchestrationRuntimeStatus.Running, (await host.GetStateAsync(id)).RuntimeStatus);

        await host.AdvanceToAsync(due);
        var state = await host.GetStateAsync(id);
        Assert.Equal((OrchestrationRuntimeStatus.Completed, due), (state.RuntimeStatus, host.UtcNow));
        Assert.Equal(due, (await host.GetHistoryAsync(id)).OfType<TimerFiredEvent>().Single().FireAt);
    }

    [Fact]
    public async Task RunUntilIdleAsync_ALoopThatNeverWaitsOnTime_Throws()
    {
        await using var host = OrchestrationTestHost.Create(engine => engine
            .AddActivity<int, int>("Next", n => n + 1)
            .AddOrchestration<int, int>("Endless", async (ctx, n) =>
            {
                while (true)
                {
                    n = await ctx.CallActivityAsync<int>("Next", n);
                }
            }));
        await host.Client.ScheduleNewOrchestrationAsync("Endless", 0);

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => host.RunUntilIdleAsync(maxWorkItems: 50));
        Assert.Contains("more than 50 work items", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReplaceActivity_TakesEffectForAnInstanceAlreadyRunning()
    {
        await using var host = OrchestrationTestHost.Create(engine => engine
            .AddActivity<string, string>("Greet", name => $"Hello, {name}")
            .AddOrchestration<string, string>("Greeting", async (ctx, name) =>
            {
                await ctx.WaitForExternalEvent<string>("go");
                return await ctx.CallActivityAsync<string>("Greet", name);
            }));
        var id = await host.StartAsync("Greeting", "Amina");

        host.ReplaceActivity<string, string>("Greet", name => $"Salem, {name}");
        await host.RaiseEventAsync(id, "go", "");

        Assert.Equal("Salem, Amina", await host.GetOutputAsync<string>(id));
    }
}
