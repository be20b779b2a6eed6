using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Workflows.Engine.History;
using Workflows.Engine.Testing;

namespace Workflows.Engine.Tests;

public sealed class ReplayTests
{
    [Fact]
    public async Task Removed_step_fails_the_instance_naming_the_step_that_history_expects()
    {
        await using var host = OrchestrationTestHost.Create(engine => engine
            .AddActivity<string, string>("Notify", s => s)
            .AddActivity<string, string>("Record", s => s)
            .AddOrchestration<string, string>("Screening", async (ctx, _) =>
            {
                await ctx.CallActivityAsync<string>("Notify", "a");
                await ctx.CallActivityAsync<string>("Record", "b");
                return await ctx.WaitForExternalEvent<string>("decision");
            }));
        var id = await host.StartAsync("Screening");

        host.Registry.AddOrchestration<string, string>("Screening", "", async (ctx, _) =>
        {
            await ctx.CallActivityAsync<string>("Notify", "a");
            return await ctx.WaitForExternalEvent<string>("decision");
        });
        await host.RaiseEventAsync(id, "decision", "yes");

        var failure = (await host.GetStateAsync(id)).FailureDetails!;
        Assert.Equal(typeof(NonDeterministicOrchestrationException).FullName, failure.ErrorType);
        Assert.Contains("expects step #1 to be CallActivity 'Record', but the code did not take a step #1", failure.ErrorMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Renamed_activity_fails_the_instance_naming_both_names()
    {
        await using var host = OrchestrationTestHost.Create(engine => engine
            .AddActivity<string, string>("Notify", s => s)
            .AddActivity<string, string>("NotifyByEmail", s => s)
            .AddOrchestration<string, string>("Screening", async (ctx, _) =>
            {
                await ctx.CallActivityAsync<string>("Notify", "a");
                return await ctx.WaitForExternalEvent<string>("decision");
            }));
        var id = await host.StartAsync("Screening");

        host.Registry.AddOrchestration<string, string>("Screening", "", async (ctx, _) =>
        {
            await ctx.CallActivityAsync<string>("NotifyByEmail", "a");
            return await ctx.WaitForExternalEvent<string>("decision");
        });
        await host.RaiseEventAsync(id, "decision", "yes");

        var message = (await host.GetStateAsync(id)).FailureDetails!.ErrorMessage;
        Assert.Contains("step #0 to be CallActivity 'Notify', but the code took CallActivity 'NotifyByEmail'", message, StringComparison.Ordinal);
        Assert.Contains("instance '" + id + "'", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Failed_non_determinism_keeps_the_history_up_to_the_failure()
    {
        await using var host = OrchestrationTestHost.Create(engine => engine
            .AddActivity<string, string>("A", s => s)
            .AddOrchestration<string, string>("Flow", async (ctx, _) =>
            {
                await ctx.CallActivityAsync<string>("A", "1");
                return await ctx.WaitForExternalEvent<string>("go");
            }));
        var id = await host.StartAsync("Flow");
        var before = await host.GetHistoryAsync(id);
        host.Registry.AddOrchestration<string, string>("Flow", "", async (ctx, _) => await ctx.WaitForExternalEvent<string>("go"));

        await host.RaiseEventAsync(id, "go", "x");

        var after = await host.GetHistoryAsync(id);
        Assert.Equal(before, after.Take(before.Count));
        Assert.IsType<ExecutionCompletedEvent>(after[^1]);
    }

    [Fact]
    public async Task Awaiting_Task_Run_fails_the_instance_instead_of_hanging()
    {
        await using var host = OrchestrationTestHost.Create(engine => engine
            .AddOrchestration<string, int>("Bad", async (_, _) => await Task.Run(() => 42)));
        var id = await host.StartAsync("Bad");

        var state = await host.GetStateAsync(id);
        Assert.Equal(OrchestrationRuntimeStatus.Failed, state.RuntimeStatus);
        Assert.Contains("not a durable task", state.FailureDetails!.ErrorMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Awaiting_a_non_durable_task_beside_a_durable_one_is_detected_when_the_durable_one_completes()
    {
        var gate = new TaskCompletionSource<int>();
        await using var host = OrchestrationTestHost.Create(engine => engine
            .AddOrchestration<string, int>("Mixed", async (ctx, _) =>
            {
                var durable = ctx.WaitForExternalEvent<int>("go");
                var results = await Task.WhenAll(durable, gate.Task);
                return results.Sum();
            }));
        var id = await host.StartAsync("Mixed");
        Assert.Equal(OrchestrationRuntimeStatus.Running, (await host.GetStateAsync(id)).RuntimeStatus);

        await host.RaiseEventAsync(id, "go", 1);

        Assert.Equal(OrchestrationRuntimeStatus.Failed, (await host.GetStateAsync(id)).RuntimeStatus);
    }

    [Fact]
    public async Task Task_Yield_is_allowed_because_it_resumes_on_the_orchestration_scheduler()
    {
        await using var host = OrchestrationTestHost.Create(engine => engine
            .AddActivity<string, string>("Echo", s => s)
            .AddOrchestration<string, string>("Yielding", async (ctx, input) =>
            {
                await Task.Yield();
                return await ctx.CallActivityAsync<string>("Echo", input);
            }));
        var id = await host.StartAsync("Yielding", "fine");

        Assert.Equal("fine", await host.GetOutputAsync<string>(id));
    }

    [Fact]
    public async Task Orchestrator_code_runs_again_on_every_episode_but_activities_run_once()
    {
        var orchestratorRuns = 0;
        var activityRuns = 0;
        await using var host = OrchestrationTestHost.Create(engine => engine
            .AddActivity<int, int>("Count", n => { activityRuns++; return n; })
            .AddOrchestration<string, int>("Replayed", async (ctx, _) =>
            {
                orchestratorRuns++;
                var sum = 0;
                for (var i = 0; i < 3; i++)
                {
                    sum += await ctx.CallActivityAsync<int>("Count", i);
                }

                return sum;
            }));
        await host.StartAsync("Replayed");

        Assert.Equal(3, activityRuns);
        Assert.Equal(4, orchestratorRuns);
    }

    [Fact]
    public async Task Replay_safe_logger_writes_each_line_once()
    {
        var lines = new List<string>();
        await using var host = OrchestrationTestHost.Create(
            engine => engine
                .AddActivity<int, int>("Step", n => n)
                .AddOrchestration<string, string>("Logging", async (ctx, _) =>
                {
                    var log = ctx.CreateReplaySafeLogger("Test");
                    for (var i = 0; i < 3; i++)
                    {
                        log.LogInformation("step {Step}", i);
                        await ctx.CallActivityAsync<int>("Step", i);
                    }

                    return "done";
                }),
            services => services.AddLogging(logging => logging.AddProvider(new ListLoggerProvider(lines)).SetMinimumLevel(LogLevel.Information)));
        await host.StartAsync("Logging");

        Assert.Equal(["step 0", "step 1", "step 2"], lines.Where(l => l.StartsWith("step", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task CurrentUtcDateTime_is_the_episode_time_and_the_same_on_replay()
    {
        var seen = new List<DateTimeOffset>();
        await using var host = OrchestrationTestHost.Create(engine => engine
            .AddOrchestration<string, string>("Clock", async (ctx, _) =>
            {
                seen.Add(ctx.CurrentUtcDateTime);
                await ctx.CreateTimer(TimeSpan.FromHours(5));
                seen.Add(ctx.CurrentUtcDateTime);
                return "ok";
            }));
        var start = host.UtcNow;
        await host.StartAsync("Clock");
        await host.AdvanceAsync(TimeSpan.FromHours(6));

        Assert.Equal([start, start, start.AddHours(5)], seen);
    }

    [Fact]
    public async Task NewGuid_is_a_name_based_version_5_uuid()
    {
        await using var host = OrchestrationTestHost.Create(engine => engine
            .AddOrchestration<string, Guid>("Ids", (ctx, _) => Task.FromResult(ctx.NewGuid())));
        var id = await host.StartAsync("Ids");

        var guid = await host.GetOutputAsync<Guid>(id);
        var bytes = guid.ToByteArray(bigEndian: true);
        Assert.Equal(0x50, bytes[6] & 0xF0);
        Assert.Equal(0x80, bytes[8] & 0xC0);
    }
}
