using Workflows.Engine.History;
using Workflows.Engine.Testing;

namespace Workflows.Engine.Tests;

public sealed class RetryTests
{
    private static OrchestrationTestHost CreateHost(RetryPolicy policy) =>
        OrchestrationTestHost.Create(engine => engine
            .AddOrchestration<string, string>("Retrying", (ctx, _) => ctx.CallActivityAsync<string>("Flaky", "x", TaskOptions.WithRetry(policy))));

    [Fact]
    public async Task Backoff_waits_grow_by_the_coefficient_on_the_virtual_clock()
    {
        var attempts = new List<DateTimeOffset>();
        var policy = new RetryPolicy(4, TimeSpan.FromMinutes(1)) { BackoffCoefficient = 3 };
        await using var host = CreateHost(policy);
        host.ReplaceActivity<string, string>("Flaky", (_, _) =>
        {
            attempts.Add(host.UtcNow);
            return attempts.Count <= 3 ? throw new IOException("try again") : Task.FromResult("ok");
        });

        var id = await host.StartAsync("Retrying", "x");
        await host.AdvanceAsync(TimeSpan.FromHours(1));

        Assert.Equal("ok", await host.GetOutputAsync<string>(id));
        var gaps = attempts.Zip(attempts.Skip(1), (a, b) => b - a).ToArray();
        Assert.Equal([TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(3), TimeSpan.FromMinutes(9)], gaps);
    }

    [Fact]
    public async Task Max_interval_caps_each_wait()
    {
        var attempts = new List<DateTimeOffset>();
        var policy = new RetryPolicy(4, TimeSpan.FromMinutes(1)) { BackoffCoefficient = 10, MaxInterval = TimeSpan.FromMinutes(5) };
        await using var host = CreateHost(policy);
        host.ReplaceActivity<string, string>("Flaky", (_, _) =>
        {
            attempts.Add(host.UtcNow);
            return attempts.Count <= 3 ? throw new IOException("try again") : Task.FromResult("ok");
        });

        await host.StartAsync("Retrying", "x");
        await host.AdvanceAsync(TimeSpan.FromHours(1));

        var gaps = attempts.Zip(attempts.Skip(1), (a, b) => b - a).ToArray();
        Assert.Equal([TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(5)], gaps);
    }

    [Fact]
    public async Task Retry_timeout_stops_retrying_when_the_next_attempt_would_start_too_late()
    {
        var attempts = new List<DateTimeOffset>();
        var policy = new RetryPolicy(10, TimeSpan.FromMinutes(10)) { RetryTimeout = TimeSpan.FromMinutes(25) };
        await using var host = CreateHost(policy);
        host.ReplaceActivity<string, string>("Flaky", (_, _) =>
        {
            attempts.Add(host.UtcNow);
            throw new IOException("still down");
        });

        var id = await host.StartAsync("Retrying", "x");
        await host.AdvanceAsync(TimeSpan.FromHours(2));

        Assert.Equal(3, attempts.Count);
        Assert.Equal(OrchestrationRuntimeStatus.Failed, (await host.GetStateAsync(id)).RuntimeStatus);
    }

    [Fact]
    public async Task Handle_predicate_decides_which_failures_are_retried()
    {
        var attempts = new List<DateTimeOffset>();
        var policy = new RetryPolicy(5, TimeSpan.FromMinutes(1)) { Handle = failure => failure.IsCausedBy<IOException>() };
        await using var host = CreateHost(policy);
        host.ReplaceActivity<string, string>("Flaky", (_, _) =>
        {
            attempts.Add(host.UtcNow);
            throw new ArgumentException("bad input is not worth retrying");
        });

        var id = await host.StartAsync("Retrying", "x");
        await host.AdvanceAsync(TimeSpan.FromHours(1));

        Assert.Single(attempts);
        Assert.True((await host.GetStateAsync(id)).FailureDetails!.IsCausedBy<ArgumentException>());
    }

    [Fact]
    public async Task NonRetriableException_is_not_retried()
    {
        var attempts = new List<DateTimeOffset>();
        await using var host = CreateHost(new RetryPolicy(5, TimeSpan.FromMinutes(1)));
        host.ReplaceActivity<string, string>("Flaky", (_, _) =>
        {
            attempts.Add(host.UtcNow);
            throw new NonRetriableException("the approver no longer exists");
        });

        await host.StartAsync("Retrying", "x");
        await host.AdvanceAsync(TimeSpan.FromHours(1));

        Assert.Single(attempts);
    }

    [Fact]
    public async Task Waits_between_attempts_are_durable_timers_in_history()
    {
        var attempts = new List<DateTimeOffset>();
        await using var host = CreateHost(new RetryPolicy(3, TimeSpan.FromMinutes(2)));
        host.ReplaceActivity<string, string>("Flaky", (_, _) =>
        {
            attempts.Add(host.UtcNow);
            return attempts.Count <= 2 ? throw new IOException("again") : Task.FromResult("ok");
        });

        var id = await host.StartAsync("Retrying", "x");
        var waiting = await host.GetStateAsync(id);
        Assert.Equal(host.UtcNow.AddMinutes(2), waiting.NextTimerDueAt);

        await host.AdvanceAsync(TimeSpan.FromHours(1));
        var history = await host.GetHistoryAsync(id);
        Assert.Equal(2, history.OfType<TimerCreatedEvent>().Count());
        Assert.Equal(3, history.OfType<TaskScheduledEvent>().Select(e => e.IdempotencyKey).Count());
        Assert.Single(history.OfType<TaskScheduledEvent>().Select(e => e.IdempotencyKey).Distinct());
    }

    [Fact]
    public async Task Sub_orchestration_retry_starts_a_new_child_per_attempt()
    {
        var runs = 0;
        await using var host = OrchestrationTestHost.Create(engine => engine
            .AddOrchestration<string, string>("Child", (_, _) => ++runs < 3 ? throw new IOException("child failed") : Task.FromResult("child ok"))
            .AddOrchestration<string, string>("Parent", (ctx, _) => ctx.CallSubOrchestrationAsync<string>(
                "Child",
                null,
                new SubOrchestrationOptions { Retry = new RetryPolicy(3, TimeSpan.FromSeconds(30)) })));

        var id = await host.StartAsync("Parent");
        await host.AdvanceAsync(TimeSpan.FromMinutes(5));

        Assert.Equal("child ok", await host.GetOutputAsync<string>(id));
        Assert.Equal(3, (await host.GetHistoryAsync(id)).OfType<SubOrchestrationCreatedEvent>().Select(e => e.InstanceId).Distinct().Count());
    }
}
