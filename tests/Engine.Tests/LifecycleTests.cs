using Microsoft.Extensions.DependencyInjection;
using Workflows.Engine.History;
using Workflows.Engine.Hosting;
using Workflows.Engine.Testing;

namespace Workflows.Engine.Tests;

public sealed class LifecycleTests
{
    [Fact]
    public async Task Poison_message_fails_the_instance_with_the_reason_instead_of_looping()
    {
        await using var host = OrchestrationTestHost.Create(engine => engine
            .Configure(o => o.MaxDequeueCount = 3)
            .AddOrchestration<string, string>("Waiting", (ctx, _) => ctx.WaitForExternalEvent<string>("go")));
        var id = await host.StartAsync("Waiting");
        await host.Client.RaiseEventAsync(id, "go", "x");

        // Three workers take the event and die without committing.
        for (var i = 0; i < 3; i++)
        {
            var item = host.Backend.TryLockNextOrchestrationWorkItem()!;
            await host.Backend.AbandonOrchestrationWorkItemAsync(item, cancellationToken: TestContext.Current.CancellationToken);
        }

        await host.RunUntilIdleAsync();
        var state = await host.GetStateAsync(id);
        Assert.Equal(OrchestrationRuntimeStatus.Failed, state.RuntimeStatus);
        Assert.Equal("PoisonMessage", state.FailureDetails!.ErrorType);
        Assert.Contains("delivered 4 times", state.FailureDetails.ErrorMessage, StringComparison.Ordinal);
        Assert.Equal(0, host.Backend.PendingWorkCount);
    }

    [Fact]
    public async Task Poison_activity_reports_a_non_retriable_failure_to_the_orchestration()
    {
        await using var host = OrchestrationTestHost.Create(engine => engine
            .Configure(o => o.MaxDequeueCount = 2)
            .AddActivity<string, string>("Crashy", s => s)
            .AddOrchestration<string, string>("UsesCrashy", (ctx, _) => ctx.CallActivityAsync<string>(
                "Crashy", "x", TaskOptions.WithRetry(new RetryPolicy(5, TimeSpan.FromSeconds(1))))));
        await host.Client.ScheduleNewOrchestrationAsync("UsesCrashy", null, new Client.StartOrchestrationOptions { InstanceId = "poison-activity" });
        var worker = host.Services.GetRequiredService<OrchestrationWorker>();
        await worker.ProcessOrchestrationWorkItemAsync(host.Backend.TryLockNextOrchestrationWorkItem()!, TestContext.Current.CancellationToken);
        for (var i = 0; i < 2; i++)
        {
            await host.Backend.AbandonActivityWorkItemAsync(host.Backend.TryLockNextActivityWorkItem()!, null, TestContext.Current.CancellationToken);
        }

        await host.AdvanceAsync(TimeSpan.FromMinutes(1));
        var state = await host.GetStateAsync("poison-activity");
        Assert.Equal(OrchestrationRuntimeStatus.Failed, state.RuntimeStatus);
        Assert.Equal("PoisonMessage", state.FailureDetails!.InnerFailure!.ErrorType);
        Assert.Single((await host.GetHistoryAsync("poison-activity")).OfType<TaskScheduledEvent>());
    }

    [Fact]
    public async Task Continue_as_new_shows_ContinuedAsNew_until_the_next_execution_starts()
    {
        await using var host = OrchestrationTestHost.Create(engine => engine
            .AddOrchestration<int, int>("Twice", (ctx, round) =>
            {
                if (round == 0)
                {
                    ctx.ContinueAsNew(1);
                }

                return Task.FromResult(round);
            }));
        var id = await host.Client.ScheduleNewOrchestrationAsync("Twice", 0);
        var worker = host.Services.GetRequiredService<OrchestrationWorker>();
        await worker.ProcessOrchestrationWorkItemAsync(host.Backend.TryLockNextOrchestrationWorkItem()!);
        Assert.Equal(OrchestrationRuntimeStatus.ContinuedAsNew, (await host.GetStateAsync(id)).RuntimeStatus);

        await host.RunUntilIdleAsync();
        var state = await host.GetStateAsync(id);
        Assert.Equal((OrchestrationRuntimeStatus.Completed, "1", "1"), (state.RuntimeStatus, state.Input, state.Output));
    }

    [Fact]
    public async Task Continue_as_new_without_preserving_events_drops_unconsumed_ones()
    {
        await using var host = OrchestrationTestHost.Create(engine => engine
            .AddOrchestration<int, int>("Loop", async (ctx, round) =>
            {
                if (round == 0)
                {
                    await ctx.WaitForExternalEvent<string>("first");
                    ctx.ContinueAsNew(1, preserveUnprocessedEvents: false);
                    return 0;
                }

                return await ctx.WaitForExternalEvent<int>("second");
            }));
        var id = await host.StartAsync("Loop", 0);
        await host.Client.RaiseEventAsync(id, "second", 1);
        await host.Client.RaiseEventAsync(id, "first", "go");
        await host.RunUntilIdleAsync();

        var state = await host.GetStateAsync(id);
        Assert.Equal(OrchestrationRuntimeStatus.Running, state.RuntimeStatus);
        Assert.Equal("1", state.Input);
    }

    [Fact]
    public async Task Continue_as_new_keeps_ignoring_an_event_id_delivered_in_an_earlier_execution()
    {
        await using var host = OrchestrationTestHost.Create(engine => engine
            .AddOrchestration<int, int>("Counter", async (ctx, count) =>
            {
                var add = await ctx.WaitForExternalEvent<int>("add");
                if (count + add >= 10)
                {
                    return count + add;
                }

                ctx.ContinueAsNew(count + add);
                return 0;
            }));
        var id = await host.StartAsync("Counter", 0);
        await host.RaiseEventAsync(id, "add", 3, eventId: "decision-1");
        await host.RaiseEventAsync(id, "add", 3, eventId: "decision-1");
        await host.RaiseEventAsync(id, "add", 7, eventId: "decision-2");

        Assert.Equal(10, await host.GetOutputAsync<int>(id));
    }

    [Fact]
    public async Task Terminate_of_a_scheduled_instance_that_never_started_makes_it_terminated()
    {
        var ran = false;
        await using var host = OrchestrationTestHost.Create(engine => engine
            .AddOrchestration<string, string>("Later", (_, _) => { ran = true; return Task.FromResult("ran"); }));
        var id = await host.StartAsync("Later", null, new Client.StartOrchestrationOptions { StartAt = host.UtcNow.AddDays(1) });
        await host.TerminateAsync(id, "no longer needed");
        await host.AdvanceAsync(TimeSpan.FromDays(2));

        Assert.Equal(OrchestrationRuntimeStatus.Terminated, (await host.GetStateAsync(id)).RuntimeStatus);
        Assert.False(ran);
    }

    [Fact]
    public async Task Suspended_instance_does_not_fire_timers_until_resumed()
    {
        await using var host = OrchestrationTestHost.Create(engine => engine
            .AddOrchestration<string, string>("Sleeper", async (ctx, _) =>
            {
                await ctx.CreateTimer(TimeSpan.FromDays(1));
                return "woke";
            }));
        var id = await host.StartAsync("Sleeper");
        await host.SuspendAsync(id);
        await host.AdvanceAsync(TimeSpan.FromDays(2));
        Assert.Equal(OrchestrationRuntimeStatus.Suspended, (await host.GetStateAsync(id)).RuntimeStatus);

        await host.ResumeAsync(id);
        Assert.Equal("woke", await host.GetOutputAsync<string>(id));
    }

    [Fact]
    public async Task Sub_orchestration_id_in_use_by_a_live_instance_fails_the_call_in_the_parent()
    {
        await using var host = OrchestrationTestHost.Create(engine => engine
            .AddOrchestration<string, string>("Child", (ctx, _) => ctx.WaitForExternalEvent<string>("go"))
            .AddOrchestration<string, string>("Parent", async (ctx, _) =>
            {
                try
                {
                    return await ctx.CallSubOrchestrationAsync<string>("Child", null, new SubOrchestrationOptions { InstanceId = "shared-child" });
                }
                catch (SubOrchestrationFailedException ex)
                {
                    return ex.FailureDetails.ErrorType;
                }
            }));
        await host.StartAsync("Child", null, new Client.StartOrchestrationOptions { InstanceId = "shared-child" });
        var parent = await host.StartAsync("Parent");

        Assert.Equal("InstanceAlreadyExists", await host.GetOutputAsync<string>(parent));
        Assert.Equal(OrchestrationRuntimeStatus.Running, (await host.GetStateAsync("shared-child")).RuntimeStatus);
    }

    [Fact]
    public async Task Unregistered_activity_fails_the_call_with_a_clear_reason()
    {
        await using var host = OrchestrationTestHost.Create(engine => engine
            .AddOrchestration<string, string>("CallsMissing", (ctx, _) => ctx.CallActivityAsync<string>("DoesNotExist")));
        var id = await host.StartAsync("CallsMissing");

        var failure = (await host.GetStateAsync(id)).FailureDetails!;
        Assert.Equal("ActivityNotRegistered", failure.InnerFailure!.ErrorType);
        Assert.Contains("'DoesNotExist'", failure.InnerFailure.ErrorMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Rewind_reruns_a_failed_sub_orchestration_and_the_parent_completes()
    {
        var failing = true;
        await using var host = OrchestrationTestHost.Create(engine => engine
            .AddActivity<string, string>("Fetch", s => failing ? throw new IOException("registry offline") : s + " fetched")
            .AddOrchestration<string, string>("Child", (ctx, input) => ctx.CallActivityAsync<string>("Fetch", input))
            .AddOrchestration<string, string>("Parent", (ctx, input) => ctx.CallSubOrchestrationAsync<string>("Child", input)));
        var id = await host.StartAsync("Parent", "record");
        Assert.Equal(OrchestrationRuntimeStatus.Failed, (await host.GetStateAsync(id)).RuntimeStatus);

        failing = false;
        await host.Client.RewindAsync(id, "registry back online");
        await host.RunUntilIdleAsync();

        Assert.Equal("record fetched", await host.GetOutputAsync<string>(id));
    }

    [Fact]
    public async Task Rewind_after_a_code_fix_replays_with_the_new_code()
    {
        await using var host = OrchestrationTestHost.Create(engine => engine
            .AddActivity<int, int>("Load", n => n)
            .AddOrchestration<int, int>("Divide", async (ctx, n) => 100 / await ctx.CallActivityAsync<int>("Load", n)));
        var id = await host.StartAsync("Divide", 0);
        Assert.Equal(OrchestrationRuntimeStatus.Failed, (await host.GetStateAsync(id)).RuntimeStatus);

        host.Registry.AddOrchestration<int, int>("Divide", "", async (ctx, n) =>
        {
            var divisor = await ctx.CallActivityAsync<int>("Load", n);
            return divisor == 0 ? -1 : 100 / divisor;
        });
        await host.Client.RewindAsync(id);
        await host.RunUntilIdleAsync();

        Assert.Equal(-1, await host.GetOutputAsync<int>(id));
    }

    [Fact]
    public async Task Orchestrations_and_activities_get_their_dependencies_from_DI()
    {
        await using var host = OrchestrationTestHost.Create(
            engine => engine.AddOrchestration<GreetingOrchestration>().AddActivity<GreetActivity>(),
            services => services.AddSingleton(new Salutation("Salaam")));
        var id = await host.StartAsync("Greeting", "Aigerim");

        Assert.Equal("Salaam, Aigerim", await host.GetOutputAsync<string>(id));
    }

    public sealed record Salutation(string Word);

    [OrchestrationName("Greeting")]
    public sealed class GreetingOrchestration : Orchestration<string, string>
    {
        public override Task<string> RunAsync(OrchestrationContext context, string input) =>
            context.CallActivityAsync<string>("Greet", input);
    }

    [ActivityName("Greet")]
    public sealed class GreetActivity(Salutation salutation) : Activity<string, string>
    {
        public override Task<string> RunAsync(TaskActivityContext context, string input) => Task.FromResult($"{salutation.Word}, {input}");
    }
}
