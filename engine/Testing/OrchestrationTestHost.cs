using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using Workflows.Engine.Backend;
using Workflows.Engine.Client;
using Workflows.Engine.History;
using Workflows.Engine.Hosting;

namespace Workflows.Engine.Testing;

/// <summary>
/// A time-skipping host for orchestrations: an in-memory backend on a virtual clock, driven
/// synchronously. Starting an instance or raising an event runs the engine until nothing is left to
/// do; <see cref="AdvanceAsync"/> moves the clock and fires every timer due in between, in order. A
/// workflow that waits 90 days finishes in milliseconds, and the same test gives the same result
/// every time.
/// </summary>
/// <example>
/// <code>
/// await using var host = OrchestrationTestHost.Create(engine => engine.AddOrchestration&lt;Reminder&gt;().AddActivity&lt;SendReminder&gt;());
/// var id = await host.StartAsync("Reminder", new ReminderInput(...));
/// await host.AdvanceAsync(TimeSpan.FromDays(30));
/// var state = await host.GetStateAsync(id);
/// </code>
/// </example>
public sealed class OrchestrationTestHost : IAsyncDisposable
{
    /// <summary>Monday 5 January 2026, 09:00 UTC: the default start of the virtual clock.</summary>
    public static readonly DateTimeOffset DefaultStartTime = new(2026, 1, 5, 9, 0, 0, TimeSpan.Zero);

    private readonly ServiceProvider _services;
    private readonly OrchestrationWorker _worker;

    private OrchestrationTestHost(ServiceProvider services, FakeTimeProvider clock)
    {
        _services = services;
        Clock = clock;
        Backend = services.GetRequiredService<InMemoryOrchestrationBackend>();
        Client = services.GetRequiredService<OrchestrationClient>();
        Registry = services.GetRequiredService<OrchestrationRegistry>();
        _worker = services.GetRequiredService<OrchestrationWorker>();
    }

    /// <summary>The virtual clock; it only moves when the test moves it.</summary>
    public FakeTimeProvider Clock { get; }

    /// <summary>The current virtual time.</summary>
    public DateTimeOffset UtcNow => Clock.GetUtcNow();

    /// <summary>The in-memory backend.</summary>
    public InMemoryOrchestrationBackend Backend { get; }

    /// <summary>The client (its operations do not run the engine; the host's do).</summary>
    public OrchestrationClient Client { get; }

    /// <summary>The registry, to replace activities in a test.</summary>
    public OrchestrationRegistry Registry { get; }

    /// <summary>The service provider (activities resolve their dependencies from it).</summary>
    public IServiceProvider Services => _services;

    /// <summary>Creates a host.</summary>
    /// <param name="configure">Registers orchestrations and activities.</param>
    /// <param name="services">Adds services that activities need.</param>
    /// <param name="startTime">The virtual clock's start; <see cref="DefaultStartTime"/> by default.</param>
    public static OrchestrationTestHost Create(Action<EngineBuilder> configure, Action<IServiceCollection>? services = null, DateTimeOffset? startTime = null)
    {
        var clock = new FakeTimeProvider(startTime ?? DefaultStartTime);
        var collection = new ServiceCollection();
        collection.AddLogging(logging => logging.SetMinimumLevel(LogLevel.Warning));
        collection.AddSingleton<TimeProvider>(clock);
        collection.AddSingleton<InMemoryOrchestrationBackend>();
        collection.AddSingleton<IOrchestrationBackend>(sp => sp.GetRequiredService<InMemoryOrchestrationBackend>());
        collection.AddOrchestrationEngine(configure);
        services?.Invoke(collection);
        return new OrchestrationTestHost(collection.BuildServiceProvider(), clock);
    }

    /// <summary>Starts an instance and runs the engine until idle. Returns the instance id.</summary>
    public async Task<string> StartAsync(string name, object? input = null, StartOrchestrationOptions? options = null)
    {
        var id = await Client.ScheduleNewOrchestrationAsync(name, input, options).ConfigureAwait(false);
        await RunUntilIdleAsync().ConfigureAwait(false);
        return id;
    }

    /// <summary>Raises an event and runs the engine until idle.</summary>
    public async Task RaiseEventAsync(string instanceId, string eventName, object? payload = null, string? eventId = null)
    {
        await Client.RaiseEventAsync(instanceId, eventName, payload, eventId).ConfigureAwait(false);
        await RunUntilIdleAsync().ConfigureAwait(false);
    }

    /// <summary>Terminates an instance and runs the engine until idle.</summary>
    public async Task TerminateAsync(string instanceId, string? reason = null, bool recursive = false)
    {
        await Client.TerminateAsync(instanceId, reason, recursive).ConfigureAwait(false);
        await RunUntilIdleAsync().ConfigureAwait(false);
    }

    /// <summary>Suspends an instance and runs the engine until idle.</summary>
    public async Task SuspendAsync(string instanceId, string? reason = null)
    {
        await Client.SuspendAsync(instanceId, reason).ConfigureAwait(false);
        await RunUntilIdleAsync().ConfigureAwait(false);
    }

    /// <summary>Resumes an instance and runs the engine until idle.</summary>
    public async Task ResumeAsync(string instanceId, string? reason = null)
    {
        await Client.ResumeAsync(instanceId, reason).ConfigureAwait(false);
        await RunUntilIdleAsync().ConfigureAwait(false);
    }

    /// <summary>
    /// Runs episodes and activities until none is ready at the current virtual time. Returns how many
    /// work items ran. Throws when more than <paramref name="maxWorkItems"/> run, which means a loop
    /// that never waits.
    /// </summary>
    public async Task<int> RunUntilIdleAsync(int maxWorkItems = 1_000_000)
    {
        var processed = 0;
        while (true)
        {
            if (Backend.TryLockNextOrchestrationWorkItem() is { } orchestration)
            {
                await _worker.ProcessOrchestrationWorkItemAsync(orchestration).ConfigureAwait(false);
            }
            else if (Backend.TryLockNextActivityWorkItem() is { } activity)
            {
                await _worker.ProcessActivityWorkItemAsync(activity).ConfigureAwait(false);
            }
            else
            {
                return processed;
            }

            if (++processed > maxWorkItems)
            {
                throw new InvalidOperationException($"The engine ran more than {maxWorkItems} work items without becoming idle; an orchestration may loop without waiting.");
            }
        }
    }

    /// <summary>Moves the virtual clock forward, firing every timer due in between in due order, with the engine run until idle after each.</summary>
    public Task AdvanceAsync(TimeSpan by)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(by, TimeSpan.Zero);
        return AdvanceToAsync(UtcNow + by);
    }

    /// <summary>Moves the virtual clock to <paramref name="target"/> (see <see cref="AdvanceAsync"/>).</summary>
    public async Task AdvanceToAsync(DateTimeOffset target)
    {
        await RunUntilIdleAsync().ConfigureAwait(false);
        while (Backend.NextDueTime() is { } due && due <= target)
        {
            Clock.SetUtcNow(due);
            await RunUntilIdleAsync().ConfigureAwait(false);
        }

        if (target > UtcNow)
        {
            Clock.SetUtcNow(target);
        }

        await RunUntilIdleAsync().ConfigureAwait(false);
    }

    /// <summary>Reads an instance's status with input and output; throws if there is no such instance.</summary>
    public async Task<OrchestrationState> GetStateAsync(string instanceId) =>
        await Client.GetInstanceAsync(instanceId, getInputsAndOutputs: true).ConfigureAwait(false)
        ?? throw new InvalidOperationException($"No instance '{instanceId}'.");

    /// <summary>Reads and deserializes an instance's output.</summary>
    public async Task<T?> GetOutputAsync<T>(string instanceId) =>
        Client.Converter.Deserialize<T>((await GetStateAsync(instanceId).ConfigureAwait(false)).Output);

    /// <summary>Reads and deserializes an instance's custom status.</summary>
    public async Task<T?> GetCustomStatusAsync<T>(string instanceId) =>
        Client.Converter.Deserialize<T>((await GetStateAsync(instanceId).ConfigureAwait(false)).CustomStatus);

    /// <summary>Reads an instance's current history.</summary>
    public Task<IReadOnlyList<HistoryEvent>> GetHistoryAsync(string instanceId) => Client.GetHistoryAsync(instanceId);

    /// <summary>Replaces (or adds) an activity with a function, for this host only.</summary>
    public void ReplaceActivity<TInput, TOutput>(string name, Func<TInput, TOutput> code)
    {
        ArgumentNullException.ThrowIfNull(code);
        ReplaceActivity<TInput, TOutput>(name, (_, input) => Task.FromResult(code(input)));
    }

    /// <summary>Replaces (or adds) an activity with an asynchronous function that sees the activity context.</summary>
    public void ReplaceActivity<TInput, TOutput>(string name, Func<TaskActivityContext, TInput, Task<TOutput>> code)
    {
        Registry.AddActivity(name, code);
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync() => _services.DisposeAsync();
}
