using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Workflows.Engine.AzureStorage.Internal;
using Workflows.Engine.Backend;
using Workflows.Engine.Serialization;

namespace Workflows.Engine.AzureStorage;

/// <summary>
/// The durable engine's backend on Azure Storage: instance state and history in a table (one
/// partition per instance, checkpoints as ETag-guarded entity group transactions), orchestration
/// messages in partitioned control queues owned through blob leases, activities in a shared
/// work-item queue, durable timers in a table, large payloads in compressed blobs, and index rows for
/// queries. See engine/AzureStorage/README.md for the design.
/// </summary>
public sealed partial class AzureStorageOrchestrationBackend : IOrchestrationBackend, IAsyncDisposable
{
    private readonly BackendContext _context;
    private readonly EngineOptions _engineOptions;
    private readonly ControlPartition?[] _partitions;
    private readonly Lock _startGate = new();
    private readonly CancellationTokenSource _run = new();
    private readonly Channel<ActivityWorkItem> _activities = Channel.CreateUnbounded<ActivityWorkItem>();
    private readonly SemaphoreSlim _activityWake = new(0);
    private Task? _started;
    private Task? _shutdown;
    private Task _loops = Task.CompletedTask;
    private PartitionLeaseManager? _leases;
    private volatile bool _stopping;
    private volatile bool _activityReaderStarted;
    private int _inFlightOrchestrations;
    private int _inFlightActivities;
    private int _activityBacklog;

    /// <summary>Creates the backend (nothing is contacted until first use).</summary>
    public AzureStorageOrchestrationBackend(
        IOptions<AzureStorageOptions> options,
        IOptions<EngineOptions> engineOptions,
        DataConverter converter,
        TimeProvider time,
        ILoggerFactory? loggerFactory = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(engineOptions);
        ArgumentNullException.ThrowIfNull(converter);
        var settings = options.Value;
        var validation = new AzureStorageOptionsValidator().Validate(null, settings);
        if (validation.Failed)
        {
            throw new OptionsValidationException(AzureStorageOptions.SectionName, typeof(AzureStorageOptions), validation.Failures);
        }

        _engineOptions = engineOptions.Value;
        var logger = (loggerFactory ?? NullLoggerFactory.Instance).CreateLogger("Workflows.Engine.AzureStorage");
        var clients = new StorageClients(settings);
        var payloads = new PayloadStore(clients.Payloads);
        var codec = new MessageCodec(converter.Options, payloads);
        HostId = settings.HostId ?? $"{Environment.MachineName}-{Environment.ProcessId}-{Guid.NewGuid().ToString("N")[..8]}";
        _context = new BackendContext
        {
            Options = settings,
            Clients = clients,
            Codec = codec,
            Instances = new InstanceStore(clients.Instances, payloads, converter.Options),
            Index = new IndexStore(clients.Index),
            Purges = new PurgeJournal(clients.Index),
            Timers = new TimerStore(clients.Timers, codec),
            Time = time,
            Logger = logger,
            Renewer = new LeaseRenewer(TimeSpan.FromTicks(Math.Min(settings.ControlMessageVisibilityTimeout.Ticks, settings.WorkItemVisibilityTimeout.Ticks) / 4), logger),
            MaxDequeueCount = settings.MaxDequeueCount ?? _engineOptions.MaxDequeueCount,
        };
        _partitions = new ControlPartition?[settings.PartitionCount];
    }

    /// <summary>This host's id in partition leases.</summary>
    public string HostId { get; }

    /// <summary>The control partitions this host owns right now.</summary>
    public IReadOnlyCollection<int> OwnedPartitions => _leases?.Owned ?? [];

    /// <summary>The names of the control queues (<c>{taskhub}-control-00</c> ...) and the work-item queue (<c>{taskhub}-workitems</c>).</summary>
    public IReadOnlyList<string> QueueNames => [.. _context.Clients.ControlQueues.Select(q => q.Name), _context.Clients.WorkItems.Name];

    /// <summary>True when this host holds no message and runs no work item (for tests that wait for quiet).</summary>
    internal bool IsIdle =>
        Volatile.Read(ref _inFlightOrchestrations) == 0
        && Volatile.Read(ref _inFlightActivities) == 0
        && Volatile.Read(ref _activityBacklog) == 0
        && _partitions.All(p => p is null || p.BufferedCount == 0);

    /// <summary>Creates the task hub's tables, queues and containers if they do not exist.</summary>
    public Task CreateIfNotExistsAsync(CancellationToken cancellationToken = default) =>
        _context.Clients.EnsureCreatedAsync(cancellationToken);

    /// <summary>
    /// Stops taking work: lock calls return null from now on. In-flight work items can still be
    /// completed or abandoned. Called by the hosted service when the host starts shutting down.
    /// </summary>
    public void BeginShutdown() => _stopping = true;

    /// <summary>
    /// Graceful shutdown: stops taking work, waits (up to <see cref="AzureStorageOptions.ShutdownTimeout"/>)
    /// for in-flight episodes and activities, gives back every held message and releases the leases.
    /// </summary>
    public Task ShutdownAsync(CancellationToken cancellationToken = default)
    {
        lock (_startGate)
        {
            _shutdown ??= ShutdownOnceAsync(cancellationToken);
            return _shutdown;
        }
    }

    private async Task ShutdownOnceAsync(CancellationToken cancellationToken)
    {
        _stopping = true;
        Task? started;
        lock (_startGate)
        {
            started = _started;
        }

        if (started is null)
        {
            return;
        }

        var deadline = DateTime.UtcNow + _context.Options.ShutdownTimeout;
        while ((Volatile.Read(ref _inFlightOrchestrations) > 0 || Volatile.Read(ref _inFlightActivities) > 0)
            && DateTime.UtcNow < deadline && !cancellationToken.IsCancellationRequested)
        {
            await Task.Delay(50, CancellationToken.None).ConfigureAwait(false);
        }

        await _run.CancelAsync().ConfigureAwait(false);
        try
        {
            await _loops.ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Expected.
        }

        if (_leases is not null)
        {
            await _leases.ReleaseAllAsync().ConfigureAwait(false);
        }

        while (_activities.Reader.TryRead(out var item))
        {
            if (item.BackendState is ActivityLock { Lease: { } lease })
            {
                await lease.ReleaseAsync(TimeSpan.Zero).ConfigureAwait(false);
            }
        }
    }

    /// <summary>
    /// Stops without releasing anything, as if the process died: leases expire and held messages come
    /// back when their visibility runs out. For tests of takeover and crash recovery.
    /// </summary>
    public async Task AbandonHostAsync()
    {
        _stopping = true;
        await _run.CancelAsync().ConfigureAwait(false);
        foreach (var partition in _partitions.OfType<ControlPartition>())
        {
            await partition.StopAsync(graceful: false, TimeSpan.Zero, giveBack: false).ConfigureAwait(false);
        }

        try
        {
            await _loops.ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Expected.
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync() => await ShutdownAsync().ConfigureAwait(false);

    private Task EnsureStartedAsync(CancellationToken cancellationToken)
    {
        lock (_startGate)
        {
            if (_started is null || _started.IsFaulted)
            {
                _started = StartAsync();
            }

            return _started.WaitAsync(cancellationToken);
        }
    }

    private async Task StartAsync()
    {
        await _context.Clients.EnsureCreatedAsync(_run.Token).ConfigureAwait(false);
        _leases = new PartitionLeaseManager(_context, HostId, OnPartitionAcquiredAsync, OnPartitionStoppingAsync);
        _loops = Task.WhenAll(
            Task.Run(() => _leases.RunAsync(_run.Token)),
            Task.Run(() => _context.Renewer.RunAsync(_run.Token)));
    }

    private Task OnPartitionAcquiredAsync(int index)
    {
        var partition = new ControlPartition(_context, index);
        _partitions[index] = partition;
        partition.Start();
        return Task.CompletedTask;
    }

    private async Task OnPartitionStoppingAsync(int index, bool graceful)
    {
        var partition = _partitions[index];
        _partitions[index] = null;
        if (partition is not null)
        {
            // Not disposed: in-flight work items may still unlock their instances on it.
            await partition.StopAsync(graceful, _context.Options.ShutdownTimeout).ConfigureAwait(false);
        }
    }

    private ControlPartition? OwnedPartition(string instanceId) =>
        _partitions[_context.PartitionOf(instanceId)] is { Active: true, Drained: true } partition && !_stopping ? partition : null;

    private static async Task<T?> NullAfterDelayAsync<T>(CancellationToken cancellationToken)
        where T : class
    {
        await Task.Delay(100, cancellationToken).ConfigureAwait(false);
        return null;
    }
}
