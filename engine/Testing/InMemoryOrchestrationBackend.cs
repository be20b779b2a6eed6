using System.Globalization;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Workflows.Engine.Backend;
using Workflows.Engine.History;

namespace Workflows.Engine.Testing;

/// <summary>
/// A backend that keeps everything in memory, on an injected clock. Deterministic: work items come
/// out in arrival order. Used by <see cref="OrchestrationTestHost"/>; also usable behind the
/// background dispatcher for demos (its lock methods then wait for work).
/// </summary>
public sealed class InMemoryOrchestrationBackend : IOrchestrationBackend, IDisposable
{
    private readonly TimeProvider _time;
    private readonly TimeSpan _deferredRetry;
    private readonly Lock _gate = new();
    private readonly Dictionary<string, InstanceRecord> _instances = new(StringComparer.Ordinal);
    private readonly List<ActivityEntry> _activities = [];
    private readonly SemaphoreSlim _workArrived = new(0);
    private long _sequence;

    /// <summary>Creates a backend on the given clock.</summary>
    public InMemoryOrchestrationBackend(TimeProvider time)
        : this(time, Options.Create(new EngineOptions()))
    {
    }

    /// <summary>Creates the backend with the engine's options (how long a message the episode cannot apply yet waits).</summary>
    [ActivatorUtilitiesConstructor]
    public InMemoryOrchestrationBackend(TimeProvider time, IOptions<EngineOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _time = time;
        _deferredRetry = options.Value.DeferredMessageRetryInterval;
    }

    /// <inheritdoc />
    public void Dispose() => _workArrived.Dispose();

    /// <inheritdoc />
    public Task CreateInstanceAsync(OrchestrationMessage startMessage, IReadOnlyCollection<OrchestrationRuntimeStatus> dedupeStatuses, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(startMessage);
        ArgumentNullException.ThrowIfNull(dedupeStatuses);
        var started = (ExecutionStartedEvent)startMessage.Event;
        lock (_gate)
        {
            if (_instances.TryGetValue(started.InstanceId, out var existing) && existing.State is { } state && dedupeStatuses.Contains(state.RuntimeStatus))
            {
                throw new OrchestrationException(
                    OrchestrationErrorCode.InstanceAlreadyExists,
                    $"An instance with id '{started.InstanceId}' already exists ({state.RuntimeStatus}).");
            }

            CreateRecord(started);
            Enqueue(startMessage);
        }

        Signal();
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task SendMessageAsync(OrchestrationMessage message, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        lock (_gate)
        {
            Enqueue(message);
        }

        Signal();
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task<OrchestrationState?> GetStateAsync(string instanceId, bool includePayloads, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            var state = _instances.GetValueOrDefault(instanceId)?.State;
            return Task.FromResult(state is null ? null : includePayloads ? state : state with { Input = null, Output = null });
        }
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<HistoryEvent>> GetHistoryAsync(string instanceId, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            IReadOnlyList<HistoryEvent> history = _instances.TryGetValue(instanceId, out var record) ? [.. record.History] : [];
            return Task.FromResult(history);
        }
    }

    /// <inheritdoc />
    public Task<InstancePage> QueryInstancesAsync(InstanceQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        var after = DecodeToken(query.ContinuationToken);
        lock (_gate)
        {
            var matches = _instances.Values
                .Select(r => r.State)
                .OfType<OrchestrationState>()
                .Where(s => Matches(s, query))
                .OrderByDescending(s => s.CreatedAt)
                .ThenBy(s => s.InstanceId, StringComparer.Ordinal)
                .Where(s => after is null || IsAfter(s, after.Value))
                .Take(query.PageSize + 1)
                .ToList();
            var page = matches.Take(query.PageSize)
                .Select(s => query.FetchInputsAndOutputs ? s : s with { Input = null, Output = null })
                .ToList();
            var token = matches.Count > query.PageSize ? EncodeToken(page[^1]) : null;
            return Task.FromResult(new InstancePage(page, token));
        }
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<InstanceCount>> CountInstancesAsync(InstanceCountQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        lock (_gate)
        {
            IReadOnlyList<InstanceCount> counts = _instances.Values
                .Select(r => r.State)
                .OfType<OrchestrationState>()
                .Where(s => Counts(s, query))
                .GroupBy(s => (
                    Name: query.ByName ? s.Name.ToUpperInvariant() : null,
                    Status: query.ByStatus ? s.RuntimeStatus : (OrchestrationRuntimeStatus?)null,
                    Bucket: query.BucketOf(TimeOf(s, query.TimeField)!.Value)))
                .Select(g => new InstanceCount(query.ByName ? g.First().Name : null, g.Key.Status, g.Key.Bucket, g.LongCount()))
                .OrderBy(c => c.Name, StringComparer.OrdinalIgnoreCase).ThenBy(c => c.RuntimeStatus).ThenBy(c => c.BucketStart)
                .ToList();
            return Task.FromResult(counts);
        }
    }

    /// <inheritdoc />
    public Task<bool> PurgeInstanceAsync(string instanceId, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            if (!_instances.TryGetValue(instanceId, out var record) || record.State is not { } state || !state.RuntimeStatus.IsTerminal())
            {
                return Task.FromResult(false);
            }

            Remove(instanceId);
            return Task.FromResult(true);
        }
    }

    /// <inheritdoc />
    public Task<PurgeResult> PurgeInstancesAsync(PurgeFilter filter, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(filter);
        lock (_gate)
        {
            var matching = _instances.Values
                .Select(r => r.State)
                .OfType<OrchestrationState>()
                .Where(s => s.RuntimeStatus.IsTerminal()
                    && (filter.RuntimeStatus is null || filter.RuntimeStatus.Contains(s.RuntimeStatus))
                    && (filter.CreatedFrom is null || s.CreatedAt >= filter.CreatedFrom)
                    && (filter.CreatedTo is null || s.CreatedAt < filter.CreatedTo)
                    && (filter.Name is null || string.Equals(s.Name, filter.Name, StringComparison.OrdinalIgnoreCase))
                    && (filter.InstanceIdPrefix is null || s.InstanceId.StartsWith(filter.InstanceIdPrefix, StringComparison.Ordinal)))
                .Select(s => s.InstanceId)
                .ToList();
            foreach (var id in matching.Take(filter.MaxInstances))
            {
                Remove(id);
            }

            return Task.FromResult(new PurgeResult(Math.Min(matching.Count, filter.MaxInstances), matching.Count > filter.MaxInstances));
        }
    }

    /// <inheritdoc />
    public async Task<OrchestrationWorkItem?> LockNextOrchestrationWorkItemAsync(CancellationToken cancellationToken = default)
    {
        var item = TryLockNextOrchestrationWorkItem();
        if (item is null)
        {
            await WaitForWorkAsync(cancellationToken).ConfigureAwait(false);
            item = TryLockNextOrchestrationWorkItem();
        }

        return item;
    }

    /// <inheritdoc />
    public async Task<ActivityWorkItem?> LockNextActivityWorkItemAsync(CancellationToken cancellationToken = default)
    {
        var item = TryLockNextActivityWorkItem();
        if (item is null)
        {
            await WaitForWorkAsync(cancellationToken).ConfigureAwait(false);
            item = TryLockNextActivityWorkItem();
        }

        return item;
    }

    /// <summary>Locks the instance whose oldest visible message arrived first, without waiting; null when there is none.</summary>
    public OrchestrationWorkItem? TryLockNextOrchestrationWorkItem()
    {
        var now = _time.GetUtcNow();
        lock (_gate)
        {
            var next = _instances.Values
                .Where(r => !r.Locked)
                .Select(r => (Record: r, First: r.Messages.Where(m => IsVisible(m, now)).Select(m => m.Sequence).DefaultIfEmpty(long.MaxValue).Min()))
                .Where(x => x.First != long.MaxValue)
                .OrderBy(x => x.First)
                .Select(x => x.Record)
                .FirstOrDefault();
            if (next is null)
            {
                return null;
            }

            var taken = next.Messages.Where(m => IsVisible(m, now)).OrderBy(m => m.Sequence).ToList();
            foreach (var message in taken)
            {
                message.Locked = true;
                message.DequeueCount++;
            }

            next.Locked = true;
            return new OrchestrationWorkItem
            {
                InstanceId = next.InstanceId,
                History = [.. next.History],
                Messages = [.. taken.Select(m => m.Message with { DequeueCount = m.DequeueCount })],
                State = next.State,
                BackendState = new LockToken(next, next.Version, taken),
            };
        }
    }

    /// <summary>Locks the oldest visible activity, without waiting; null when there is none.</summary>
    public ActivityWorkItem? TryLockNextActivityWorkItem()
    {
        var now = _time.GetUtcNow();
        lock (_gate)
        {
            var next = _activities.Where(a => !a.Locked && a.VisibleAt <= now).OrderBy(a => a.Sequence).FirstOrDefault();
            if (next is null)
            {
                return null;
            }

            next.Locked = true;
            next.DequeueCount++;
            return new ActivityWorkItem
            {
                InstanceId = next.Request.InstanceId,
                ExecutionId = next.Request.ExecutionId,
                TaskId = next.Request.TaskId,
                Name = next.Request.Name,
                Version = next.Request.Version,
                Input = next.Request.Input,
                IdempotencyKey = next.Request.IdempotencyKey,
                DequeueCount = next.DequeueCount,
                EnqueuedAt = next.EnqueuedAt,
                BackendState = next,
            };
        }
    }

    /// <inheritdoc />
    public Task CompleteOrchestrationWorkItemAsync(OrchestrationWorkItem workItem, OrchestrationCheckpoint checkpoint, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(workItem);
        ArgumentNullException.ThrowIfNull(checkpoint);
        var token = (LockToken)workItem.BackendState!;
        var now = _time.GetUtcNow();
        lock (_gate)
        {
            var record = token.Record;
            if (!ReferenceEquals(_instances.GetValueOrDefault(record.InstanceId), record) || record.Version != token.Version)
            {
                record.Locked = false;
                throw new WorkItemLostException($"Instance '{record.InstanceId}' changed since its work item was locked.");
            }

            foreach (var message in token.Messages)
            {
                record.Messages.Remove(message);
            }

            if (checkpoint.State is { } state)
            {
                if (checkpoint.ReplacesHistory)
                {
                    record.History.Clear();
                }

                record.History.AddRange(checkpoint.NewEvents);
                record.State = state with { HistoryLength = record.History.Count };
                foreach (var timerId in checkpoint.CancelledTimerIds)
                {
                    record.Messages.RemoveAll(m => !m.Locked && m.Message.Event is TimerFiredEvent t && t.TimerId == timerId && m.Message.ExecutionId == state.ExecutionId);
                }

                foreach (var timer in checkpoint.Timers)
                {
                    Enqueue(timer);
                }

                foreach (var request in checkpoint.Activities)
                {
                    _activities.Add(new ActivityEntry(request, ++_sequence, now, now));
                }
            }

            foreach (var message in checkpoint.OutboundMessages)
            {
                if (message.Event is ExecutionStartedEvent started && started.Parent is not null)
                {
                    CreateRecordForSubOrchestration(started);
                }

                Enqueue(message);
            }

            foreach (var deferred in checkpoint.DeferredMessages)
            {
                // Waits the engine's retry interval and keeps its delivery count, like the Azure backend, so
                // that a message that can never apply becomes poison instead of circling for ever.
                Enqueue(deferred with { VisibleAt = now + _deferredRetry });
            }

            record.Version++;
            record.Locked = false;
            if (record.State is null && record.Messages.Count == 0 && record.History.Count == 0)
            {
                _instances.Remove(record.InstanceId);
            }
        }

        Signal();
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task AbandonOrchestrationWorkItemAsync(OrchestrationWorkItem workItem, DateTimeOffset? retryAt = null, string? stuckReason = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(workItem);
        var token = (LockToken)workItem.BackendState!;
        lock (_gate)
        {
            foreach (var message in token.Messages)
            {
                message.Locked = false;
                message.NotBefore = retryAt;
            }

            if (stuckReason is not null && token.Record.State is { } state)
            {
                token.Record.State = state with { StuckReason = stuckReason };
            }

            token.Record.Locked = false;
        }

        Signal();
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task CompleteActivityWorkItemAsync(ActivityWorkItem workItem, OrchestrationMessage result, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(workItem);
        lock (_gate)
        {
            _activities.Remove((ActivityEntry)workItem.BackendState!);
            Enqueue(result);
        }

        Signal();
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task AbandonActivityWorkItemAsync(ActivityWorkItem workItem, DateTimeOffset? retryAt = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(workItem);
        lock (_gate)
        {
            var entry = (ActivityEntry)workItem.BackendState!;
            entry.Locked = false;
            entry.VisibleAt = retryAt ?? _time.GetUtcNow();
        }

        Signal();
        return Task.CompletedTask;
    }

    /// <summary>The earliest time after now at which a message or activity becomes visible, if any.</summary>
    public DateTimeOffset? NextDueTime()
    {
        var now = _time.GetUtcNow();
        lock (_gate)
        {
            var messageTimes = _instances.Values.SelectMany(r => r.Messages).Where(m => !m.Locked).Select(m => m.VisibleFrom);
            var activityTimes = _activities.Where(a => !a.Locked).Select(a => a.VisibleAt);
            return messageTimes.Concat(activityTimes).Where(t => t > now).Select(t => (DateTimeOffset?)t).Min();
        }
    }

    /// <summary>How many messages and activities are waiting (visible or not).</summary>
    public int PendingWorkCount
    {
        get
        {
            lock (_gate)
            {
                return _instances.Values.Sum(r => r.Messages.Count) + _activities.Count;
            }
        }
    }

    /// <summary>Every stored instance status (for assertions in tests).</summary>
    public IReadOnlyList<OrchestrationState> AllInstances()
    {
        lock (_gate)
        {
            return [.. _instances.Values.Select(r => r.State).OfType<OrchestrationState>()];
        }
    }

    private void CreateRecord(ExecutionStartedEvent started)
    {
        var now = _time.GetUtcNow();
        _instances[started.InstanceId] = new InstanceRecord(started.InstanceId)
        {
            State = new OrchestrationState
            {
                InstanceId = started.InstanceId,
                ExecutionId = started.ExecutionId,
                Name = started.Name,
                Version = started.Version,
                RuntimeStatus = OrchestrationRuntimeStatus.Pending,
                CreatedAt = now,
                LastUpdatedAt = now,
                ScheduledStartTime = started.ScheduledStartTime,
                Input = started.Input,
                Tags = started.Tags ?? new Dictionary<string, string>(),
                ParentInstanceId = started.Parent?.InstanceId,
            },
        };
    }

    private void CreateRecordForSubOrchestration(ExecutionStartedEvent started)
    {
        var existing = _instances.GetValueOrDefault(started.InstanceId)?.State;
        if (existing is not null && (!existing.RuntimeStatus.IsTerminal() || existing.ExecutionId == started.ExecutionId))
        {
            return;
        }

        var pending = _instances.GetValueOrDefault(started.InstanceId)?.Messages ?? [];
        CreateRecord(started);
        _instances[started.InstanceId].Messages.AddRange(pending.Where(m => m.Message.Event is EventRaisedEvent));
    }

    private void Enqueue(OrchestrationMessage message)
    {
        if (!_instances.TryGetValue(message.InstanceId, out var record))
        {
            record = new InstanceRecord(message.InstanceId);
            _instances[message.InstanceId] = record;
        }

        record.Messages.Add(new PendingMessage(message, ++_sequence) { DequeueCount = message.DequeueCount });
    }

    private void Remove(string instanceId)
    {
        _instances.Remove(instanceId);
        _activities.RemoveAll(a => a.Request.InstanceId == instanceId && !a.Locked);
    }

    private static bool IsVisible(PendingMessage message, DateTimeOffset now) => !message.Locked && message.VisibleFrom <= now;

    private static bool Matches(OrchestrationState s, InstanceQuery q) =>
        (q.RuntimeStatus is null || q.RuntimeStatus.Count == 0 || q.RuntimeStatus.Contains(s.RuntimeStatus))
        && (q.Name is null || string.Equals(s.Name, q.Name, StringComparison.OrdinalIgnoreCase))
        && (q.CreatedFrom is null || s.CreatedAt >= q.CreatedFrom)
        && (q.CreatedTo is null || s.CreatedAt < q.CreatedTo)
        && (q.InstanceIdPrefix is null || s.InstanceId.StartsWith(q.InstanceIdPrefix, StringComparison.Ordinal))
        && (q.Tags is null || q.Tags.All(t => s.Tags.TryGetValue(t.Key, out var v) && v == t.Value));

    private static bool Counts(OrchestrationState s, InstanceCountQuery q) =>
        TimeOf(s, q.TimeField) is { } time
        && (q.From is null || time >= q.From)
        && (q.To is null || time < q.To)
        && (q.RuntimeStatus is null || q.RuntimeStatus.Count == 0 || q.RuntimeStatus.Contains(s.RuntimeStatus))
        && (q.Name is null || string.Equals(s.Name, q.Name, StringComparison.OrdinalIgnoreCase))
        && (q.Names is null || q.Names.Contains(s.Name, StringComparer.OrdinalIgnoreCase))
        && (q.InstanceIdPrefix is null || s.InstanceId.StartsWith(q.InstanceIdPrefix, StringComparison.Ordinal))
        && (q.Tags is null || q.Tags.All(t => s.Tags.TryGetValue(t.Key, out var v) && v == t.Value));

    private static DateTimeOffset? TimeOf(OrchestrationState s, InstanceTimeField field) =>
        field == InstanceTimeField.Completed ? (s.RuntimeStatus.IsTerminal() ? s.CompletedAt : null) : s.CreatedAt;

    private static bool IsAfter(OrchestrationState s, (DateTimeOffset CreatedAt, string InstanceId) key) =>
        s.CreatedAt < key.CreatedAt || (s.CreatedAt == key.CreatedAt && string.CompareOrdinal(s.InstanceId, key.InstanceId) > 0);

    private static string EncodeToken(OrchestrationState last) =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes($"{last.CreatedAt.UtcTicks.ToString(CultureInfo.InvariantCulture)}|{last.InstanceId}"));

    private static (DateTimeOffset, string)? DecodeToken(string? token)
    {
        if (string.IsNullOrEmpty(token))
        {
            return null;
        }

        try
        {
            var parts = Encoding.UTF8.GetString(Convert.FromBase64String(token)).Split('|', 2);
            return (new DateTimeOffset(long.Parse(parts[0], CultureInfo.InvariantCulture), TimeSpan.Zero), parts[1]);
        }
        catch (Exception ex) when (ex is FormatException or IndexOutOfRangeException or ArgumentOutOfRangeException)
        {
            throw new OrchestrationException(OrchestrationErrorCode.InvalidArgument, "The continuation token is not valid.");
        }
    }

    private async Task WaitForWorkAsync(CancellationToken cancellationToken)
    {
        var wait = TimeSpan.FromSeconds(1);
        if (NextDueTime() is { } due)
        {
            var untilDue = due - _time.GetUtcNow();
            wait = untilDue < wait ? untilDue : wait;
        }

        if (wait <= TimeSpan.Zero)
        {
            return;
        }

        using var timeout = new CancellationTokenSource(wait, _time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(timeout.Token, cancellationToken);
        try
        {
            await _workArrived.WaitAsync(linked.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            // Waited long enough.
        }
    }

    private void Signal()
    {
        if (_workArrived.CurrentCount < 64)
        {
            _workArrived.Release();
        }
    }

    private sealed class InstanceRecord(string instanceId)
    {
        public string InstanceId { get; } = instanceId;

        public OrchestrationState? State { get; set; }

        public List<HistoryEvent> History { get; } = [];

        public List<PendingMessage> Messages { get; } = [];

        public bool Locked { get; set; }

        public long Version { get; set; }
    }

    private sealed class PendingMessage(OrchestrationMessage message, long sequence)
    {
        public OrchestrationMessage Message { get; } = message;

        public long Sequence { get; } = sequence;

        public bool Locked { get; set; }

        public int DequeueCount { get; set; }

        public DateTimeOffset? NotBefore { get; set; }

        public DateTimeOffset VisibleFrom =>
            NotBefore is { } notBefore && notBefore > (Message.VisibleAt ?? DateTimeOffset.MinValue) ? notBefore : Message.VisibleAt ?? DateTimeOffset.MinValue;
    }

    private sealed class ActivityEntry(ActivityRequest request, long sequence, DateTimeOffset enqueuedAt, DateTimeOffset visibleAt)
    {
        public ActivityRequest Request { get; } = request;

        public long Sequence { get; } = sequence;

        public DateTimeOffset EnqueuedAt { get; } = enqueuedAt;

        public DateTimeOffset VisibleAt { get; set; } = visibleAt;

        public bool Locked { get; set; }

        public int DequeueCount { get; set; }
    }

    private sealed record LockToken(InstanceRecord Record, long Version, List<PendingMessage> Messages);
}
