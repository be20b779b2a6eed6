using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using Workflows.Engine.Backend;
using Workflows.Engine.Client;
using Workflows.Engine.Conformance;
using Workflows.Engine.History;
using Workflows.Engine.Hosting;

namespace Workflows.Engine.AzureStorage.Tests;

/// <summary>
/// Hosts a worker in-process on a fresh task hub of the shared Azurite, on a manual clock. Waits poll
/// the real storage until the condition holds or a generous timeout passes.
/// </summary>
internal sealed class AzureStorageHarness : IConformanceHarness
{
    private static readonly TimeSpan WaitTimeout = TimeSpan.FromSeconds(60);
    private readonly IHost _host;

    private readonly RecentLogs _logs;

    private AzureStorageHarness(IHost host, FakeTimeProvider clock, string taskHub, RecentLogs logs)
    {
        _logs = logs;
        TaskHub = taskHub;
        _host = host;
        Clock = clock;
        Client = host.Services.GetRequiredService<OrchestrationClient>();
        Registry = host.Services.GetRequiredService<OrchestrationRegistry>();
        Backend = host.Services.GetRequiredService<AzureStorageOrchestrationBackend>();
    }

    public FakeTimeProvider Clock { get; }

    public string TaskHub { get; }

    public OrchestrationClient Client { get; }

    public OrchestrationRegistry Registry { get; }

    public AzureStorageOrchestrationBackend Backend { get; }

    /// <summary>Runs work items by hand (for hosts started without a worker).</summary>
    public OrchestrationWorker Worker => _host.Services.GetRequiredService<OrchestrationWorker>();

    public DateTimeOffset UtcNow => Clock.GetUtcNow();

    public static string NewTaskHub() => "t" + Guid.NewGuid().ToString("N")[..20];

    public static async Task<AzureStorageHarness> StartAsync(
        string connectionString,
        Action<EngineBuilder> configure,
        string? taskHub = null,
        FakeTimeProvider? clock = null,
        Action<AzureStorageOptions>? storage = null,
        Action<EngineOptions>? engine = null,
        bool worker = true)
    {
        clock ??= new FakeTimeProvider(DateTimeOffset.UtcNow);
        taskHub ??= NewTaskHub();
        var builder = Host.CreateApplicationBuilder();
        var logs = new RecentLogs();
        builder.Logging.ClearProviders();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Logging.AddProvider(logs);
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(30));
        builder.Services.AddSingleton<TimeProvider>(clock);
        builder.Services.AddOrchestrationEngine(e =>
        {
            configure(e);
            e.UseAzureStorage(o =>
            {
                o.ConnectionString = connectionString;
                o.TaskHub = taskHub;
                o.TimerPollingInterval = TimeSpan.FromMilliseconds(200);
                o.MaxPollingInterval = TimeSpan.FromMilliseconds(500);
                o.LeaseAcquireInterval = TimeSpan.FromSeconds(1);
                o.LeaseRenewInterval = TimeSpan.FromSeconds(5);
                o.LeaseDuration = TimeSpan.FromSeconds(15);
                o.ControlMessageVisibilityTimeout = TimeSpan.FromSeconds(30);
                o.WorkItemVisibilityTimeout = TimeSpan.FromSeconds(30);
                storage?.Invoke(o);
            });
            e.Configure(o =>
            {
                o.MaxConcurrentOrchestrations = 16;
                o.MaxConcurrentActivities = 32;
                engine?.Invoke(o);
            });
            if (worker)
            {
                e.AddWorker();
            }
        });
        var host = builder.Build();
        await host.StartAsync();
        return new AzureStorageHarness(host, clock, taskHub, logs);
    }

    /// <summary>A host with the client and backend but no worker (a web front end, or the timer job).</summary>
    public static Task<AzureStorageHarness> StartClientOnlyAsync(string connectionString, string taskHub) =>
        StartAsync(connectionString, TestOrchestrations.Register, taskHub, worker: false);

    public async Task AdvanceAsync(TimeSpan by)
    {
        Clock.Advance(by);

        // The partition owners release due timers within TimerPollingInterval; give them a moment.
        await Task.Delay(TimeSpan.FromMilliseconds(400));
    }

    public Task<OrchestrationState> WaitForStateAsync(string instanceId, Func<OrchestrationState, bool> condition, string description) =>
        WaitForStateAsync(instanceId, condition, description, WaitTimeout);

    public async Task<OrchestrationState> WaitForStateAsync(string instanceId, Func<OrchestrationState, bool> condition, string description, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        OrchestrationState? state = null;
        while (DateTime.UtcNow < deadline)
        {
            state = await Client.GetInstanceAsync(instanceId, getInputsAndOutputs: true);
            if (state is not null && condition(state))
            {
                return state;
            }

            await Task.Delay(50);
        }

        Assert.Fail($"Instance {instanceId} did not reach {description}; it is {state?.RuntimeStatus.ToString() ?? "missing"} (custom status {state?.CustomStatus}, failure {state?.FailureDetails}, stuck {state?.StuckReason}). {Diagnostics()}");
        return state!;
    }

    public async Task<IReadOnlyList<HistoryEvent>> WaitForHistoryAsync(string instanceId, Func<IReadOnlyList<HistoryEvent>, bool> condition, string description)
    {
        var deadline = DateTime.UtcNow + WaitTimeout;
        while (DateTime.UtcNow < deadline)
        {
            var history = await Client.GetHistoryAsync(instanceId);
            if (condition(history))
            {
                return history;
            }

            await Task.Delay(50);
        }

        Assert.Fail($"Instance {instanceId} did not reach {description}. {Diagnostics()}");
        return [];
    }

    /// <summary>For a host without a worker: the next orchestration work item, waiting for one to come.</summary>
    public async Task<OrchestrationWorkItem> NextOrchestrationWorkItemAsync()
    {
        var deadline = DateTime.UtcNow + WaitTimeout;
        while (DateTime.UtcNow < deadline)
        {
            if (await Backend.LockNextOrchestrationWorkItemAsync(TestContext.Current.CancellationToken) is { } item)
            {
                return item;
            }
        }

        Assert.Fail($"No orchestration work item came. {Diagnostics()}");
        return null!;
    }

    /// <summary>For a host without a worker: the next activity work item, waiting for one to come.</summary>
    public async Task<ActivityWorkItem> NextActivityWorkItemAsync()
    {
        var deadline = DateTime.UtcNow + WaitTimeout;
        while (DateTime.UtcNow < deadline)
        {
            if (await Backend.LockNextActivityWorkItemAsync(TestContext.Current.CancellationToken) is { } item)
            {
                return item;
            }
        }

        Assert.Fail($"No activity work item came. {Diagnostics()}");
        return null!;
    }

    public async Task SettleAsync()
    {
        // Background workers: wait until nothing is held or running for a few consecutive checks.
        await Task.Delay(TimeSpan.FromMilliseconds(300));
        var quiet = 0;
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (quiet < 4 && DateTime.UtcNow < deadline)
        {
            quiet = Backend.IsIdle ? quiet + 1 : 0;
            await Task.Delay(100);
        }
    }

    /// <summary>What the host holds and owns, and its recent warnings: for the message of a wait that timed out.</summary>
    public string Diagnostics() =>
        $"Host {Backend.HostId} owns partitions [{string.Join(",", Backend.OwnedPartitions)}], idle: {Backend.IsIdle}. Recent warnings:{Environment.NewLine}{_logs.Describe()}";

    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync();
        _host.Dispose();
    }
}
