using Azure.Data.Tables;
using Workflows.Engine.AzureStorage.Internal;
using Workflows.Engine.Backend;
using Workflows.Engine.History;

namespace Workflows.Engine.AzureStorage;

public sealed partial class AzureStorageOrchestrationBackend
{
    /// <summary>
    /// Retries shorter than this wait in real time on the queue; longer ones wait on the engine's clock in the
    /// timers table, so that a stuck instance's retry (a minute by default) follows the development clock too.
    /// </summary>
    private static readonly TimeSpan ShortRetry = TimeSpan.FromSeconds(10);

    /// <inheritdoc />
    public async Task<OrchestrationWorkItem?> LockNextOrchestrationWorkItemAsync(CancellationToken cancellationToken = default)
    {
        await EnsureStartedAsync(cancellationToken).ConfigureAwait(false);
        if (_stopping)
        {
            return await NullAfterDelayAsync<OrchestrationWorkItem>(cancellationToken).ConfigureAwait(false);
        }

        using var wait = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        wait.CancelAfter(TimeSpan.FromSeconds(1));
        while (true)
        {
            if (!_context.Ready.Reader.TryRead(out var ready))
            {
                try
                {
                    await _context.Ready.Reader.WaitToReadAsync(wait.Token).ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
                {
                    return null;
                }

                continue;
            }

            if (_stopping)
            {
                // The partition gives its held messages back when it stops.
                return null;
            }

            var (partition, slot) = ready;
            var messages = partition.TryLock(slot);
            if (messages is null)
            {
                continue;
            }

            Interlocked.Increment(ref _inFlightOrchestrations);
            InstanceSnapshot snapshot;
            try
            {
                snapshot = partition.GetCached(slot.InstanceId)
                    ?? await _context.Instances.LoadAsync(slot.InstanceId, cancellationToken).ConfigureAwait(false);
            }
            catch
            {
                partition.Unlock(slot, messages);
                Interlocked.Decrement(ref _inFlightOrchestrations);
                throw;
            }

            return new OrchestrationWorkItem
            {
                InstanceId = slot.InstanceId,
                History = snapshot.History,
                Messages = [.. messages.Select(m => m.WithCount())],
                State = snapshot.State,
                BackendState = new OrchestrationLock(partition, slot, messages, snapshot),
            };
        }
    }

    /// <inheritdoc />
    public async Task CompleteOrchestrationWorkItemAsync(OrchestrationWorkItem workItem, OrchestrationCheckpoint checkpoint, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(workItem);
        ArgumentNullException.ThrowIfNull(checkpoint);
        var held = (OrchestrationLock)workItem.BackendState!;
        var partition = held.Partition;
        var id = workItem.InstanceId;
        List<Task> cleanup;
        try
        {
            cleanup = await CommitAsync(held, checkpoint, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            partition.SetCached(id, null);
            partition.Unlock(held.Slot, held.Messages);
            Interlocked.Decrement(ref _inFlightOrchestrations);
            throw;
        }

        partition.Unlock(held.Slot, null);
        Interlocked.Decrement(ref _inFlightOrchestrations);

        // What the episode could not apply yet is given back (its delivery count goes on); the rest is consumed.
        var (deferred, consumed, unmatched) = SplitDeferred(held.Messages, checkpoint.DeferredMessages);
        var retryIn = _engineOptions.DeferredMessageRetryInterval;
        var retryAt = _context.Time.GetUtcNow() + retryIn;
        cleanup.AddRange(consumed.Select(partition.ConsumeAsync));
        cleanup.AddRange(deferred.Select(m => RetryLaterAsync(partition, m, retryAt, retryIn)));
        cleanup.AddRange(unmatched.Select(m => SendDeferredAsync(partition.Index, m, retryIn)));
        await Task.WhenAll(cleanup).ConfigureAwait(false);
    }

    /// <summary>
    /// Pairs the checkpoint's deferred messages with the held messages they came from (by message id,
    /// one held message per deferred one). Deferred messages with no held message are sent anew.
    /// </summary>
    private static (List<HeldMessage> Deferred, List<HeldMessage> Consumed, List<OrchestrationMessage> Unmatched) SplitDeferred(
        IReadOnlyList<HeldMessage> held,
        IReadOnlyList<OrchestrationMessage> deferredMessages)
    {
        var deferred = new List<HeldMessage>();
        var consumed = new List<HeldMessage>(held);
        var unmatched = new List<OrchestrationMessage>();
        foreach (var message in deferredMessages)
        {
            var index = consumed.FindIndex(m => m.Message.MessageId == message.MessageId);
            if (index < 0)
            {
                unmatched.Add(message);
                continue;
            }

            deferred.Add(consumed[index]);
            consumed.RemoveAt(index);
        }

        return (deferred, consumed, unmatched);
    }

    /// <inheritdoc />
    public async Task AbandonOrchestrationWorkItemAsync(OrchestrationWorkItem workItem, DateTimeOffset? retryAt = null, string? stuckReason = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(workItem);
        var held = (OrchestrationLock)workItem.BackendState!;
        var partition = held.Partition;
        try
        {
            if (stuckReason is not null && held.Snapshot.Entity is not null)
            {
                var patch = new TableEntity(workItem.InstanceId, Keys.StateRowKey) { ["StuckReason"] = stuckReason };
                await _context.Instances.Table.UpdateEntityAsync(patch, Azure.ETag.All, TableUpdateMode.Merge, cancellationToken).ConfigureAwait(false);
                partition.SetCached(workItem.InstanceId, null);
            }
        }
        catch
        {
            // Offer the messages again rather than drop them: their leases are still renewed, so dropped
            // messages would stay invisible (and the instance idle) until this host stops.
            partition.Unlock(held.Slot, held.Messages);
            Interlocked.Decrement(ref _inFlightOrchestrations);
            throw;
        }

        try
        {
            var now = _context.Time.GetUtcNow();
            var delay = retryAt is { } at && at > now ? at - now : TimeSpan.Zero;
            await Task.WhenAll(held.Messages.Select(m => RetryLaterAsync(partition, m, retryAt, delay))).ConfigureAwait(false);
        }
        finally
        {
            partition.Unlock(held.Slot, null);
            Interlocked.Decrement(ref _inFlightOrchestrations);
        }
    }

    private async Task RetryLaterAsync(ControlPartition partition, HeldMessage message, DateTimeOffset? retryAt, TimeSpan delay)
    {
        if (delay > ShortRetry && retryAt is { } at)
        {
            // Long waits follow the engine's clock: the message waits in the timers table.
            try
            {
                await _context.Timers.AddAsync(partition.Index, message.Message, at, message.DequeueCount, CancellationToken.None).ConfigureAwait(false);
            }
            catch (Azure.RequestFailedException ex)
            {
                // The timer row could not be written: the message itself waits (in real time) instead.
                Log.ReleaseFailed(_context.Logger, message.Message.InstanceId, ex);
                await partition.ReleaseAsync(message, ShortRetry).ConfigureAwait(false);
                return;
            }

            await partition.ConsumeAsync(message).ConfigureAwait(false);
            return;
        }

        await partition.ReleaseAsync(message, delay).ConfigureAwait(false);
    }

    /// <summary>Sends the checkpoint's messages, commits it, and returns the clean-up still to await.</summary>
    private async Task<List<Task>> CommitAsync(OrchestrationLock held, OrchestrationCheckpoint checkpoint, CancellationToken cancellationToken)
    {
        var snapshot = held.Snapshot;
        var id = held.Slot.InstanceId;
        var index = held.Partition.Index;
        var cleanup = new List<Task>();
        var now = _context.Time.GetUtcNow();

        // 1. Messages first (at least once): a lost race leaves duplicates, which the engine ignores, never a lost message.
        var pendingTimers = new List<string>(snapshot.PendingTimers);
        if (checkpoint.State is not null && checkpoint.Timers.Count > 0)
        {
            var keys = await _context.Timers.AddManyAsync(index, [.. checkpoint.Timers.Select(t => (t, t.VisibleAt ?? now))], cancellationToken).ConfigureAwait(false);
            pendingTimers.AddRange(keys.Where(k => !pendingTimers.Contains(k)));
        }

        var sends = new List<Task>();
        if (checkpoint.State is not null && checkpoint.Activities.Count > 0)
        {
            sends.Add(EnqueueActivitiesAsync(checkpoint.Activities, now, cancellationToken));
        }

        sends.AddRange(checkpoint.OutboundMessages.Select(m => SendOutboundAsync(id, m, cancellationToken)));
        await Task.WhenAll(sends).ConfigureAwait(false);

        // Poison is set aside (with the reason the episode gives) before the instance shows as failed.
        var state = checkpoint.State;
        foreach (var poison in held.Messages.Where(m => m.DequeueCount > _context.MaxDequeueCount))
        {
            var reason = state?.FailureDetails?.ErrorMessage ?? $"Delivered {poison.DequeueCount} times.";
            Log.PoisonSetAside(_context.Logger, poison.Message.MessageId, id, reason);
            var body = await _context.Codec.EncodeAsync(poison.Message, cancellationToken).ConfigureAwait(false);
            var source = poison.TimerRowKey is not null ? _context.Timers.Table.Name : (poison.Lease ?? poison.ActivityLease)?.Queue.Name ?? held.Partition.Queue.Name;
            await PoisonStore.SetAsideAsync(_context, source, poison.Message.MessageId, body, id, reason, cancellationToken).ConfigureAwait(false);
        }

        // 2. The checkpoint: one entity group transaction guarded by the state row's ETag.
        var unchanged = state is null
            || (ReferenceEquals(state, snapshot.State) && checkpoint.NewEvents.Count == 0 && !checkpoint.ReplacesHistory);
        if (!unchanged)
        {
            await WriteCheckpointAsync(held, checkpoint, state!, pendingTimers, cleanup, cancellationToken).ConfigureAwait(false);
        }

        return cleanup;
    }

    private async Task WriteCheckpointAsync(OrchestrationLock held, OrchestrationCheckpoint checkpoint, OrchestrationState state, List<string> pendingTimers, List<Task> cleanup, CancellationToken cancellationToken)
    {
        var snapshot = held.Snapshot;
        var id = held.Slot.InstanceId;
        var index = held.Partition.Index;
        var actions = new List<TableTransactionAction>();
        var deleteLater = new List<string>();
        var timersToDelete = new List<string>();
        var oldExecution = snapshot.State?.ExecutionId;

        // Timers fired in this episode are gone; cancelled ones are deleted so they never wake anyone.
        foreach (var message in held.Messages)
        {
            if (message.Message.Event is TimerFiredEvent && message.TimerRowKey is { } rowKey)
            {
                pendingTimers.Remove(rowKey);
            }
        }

        foreach (var timerId in checkpoint.CancelledTimerIds)
        {
            var created = snapshot.History.Concat(checkpoint.NewEvents).OfType<TimerCreatedEvent>().FirstOrDefault(e => e.EventId == timerId);
            if (created is not null && oldExecution is not null)
            {
                var rowKey = Keys.TimerRowKey(created.FireAt, $"{id}:{oldExecution}:{timerId}:timer");
                pendingTimers.Remove(rowKey);
                timersToDelete.Add(rowKey);
            }
        }

        if (state.RuntimeStatus.IsTerminal() || checkpoint.ReplacesHistory)
        {
            timersToDelete.AddRange(pendingTimers);
            pendingTimers.Clear();
        }

        // A finished instance keeps listing the timer rows it deletes after this commit: if the host
        // dies before they are gone, purge (or a replacing start) still finds and deletes them.
        IReadOnlyList<string> listedTimers = state.RuntimeStatus.IsTerminal() ? [.. timersToDelete.Distinct(StringComparer.Ordinal)] : pendingTimers;

        var stale = new List<string>(snapshot.StaleRowKeys);
        int rows;
        int length;
        if (checkpoint.ReplacesHistory)
        {
            for (var r = 0; r < snapshot.HistoryRows && oldExecution is not null; r++)
            {
                // A rewind rewrites the same execution: its first row is replaced below, not deleted.
                if (r == 0 && oldExecution == state.ExecutionId && checkpoint.NewEvents.Count > 0)
                {
                    continue;
                }

                stale.Add(Keys.HistoryRowKey(oldExecution, r));
            }

            rows = 0;
            length = 0;
        }
        else
        {
            rows = snapshot.HistoryRows;
            length = snapshot.History.Count;
        }

        if (checkpoint.NewEvents.Count > 0)
        {
            var row = await HistoryRows.ToEntityAsync(id, state.ExecutionId, rows, checkpoint.NewEvents, _context.Instances.Payloads, _context.Instances.Json, cancellationToken).ConfigureAwait(false);
            actions.Add(new TableTransactionAction(TableTransactionActionType.UpsertReplace, row));
            rows++;
            length += checkpoint.NewEvents.Count;
        }

        foreach (var key in stale)
        {
            if (actions.Count < 90)
            {
                actions.Add(new TableTransactionAction(TableTransactionActionType.Delete, new TableEntity(id, key), Azure.ETag.All));
            }
            else
            {
                deleteLater.Add(key);
            }
        }

        var indexClass = IndexStore.ClassOf(state.RuntimeStatus);
        var indexKey = snapshot.IndexKey ?? Keys.IndexRowKey(state.CreatedAt, id);
        var newState = state with { HistoryLength = length };
        var entity = await StateRows.ToEntityAsync(newState, new StateRowExtras(rows, indexClass, indexKey, listedTimers), snapshot, _context.Instances.Payloads, _context.Instances.Json, cancellationToken).ConfigureAwait(false);
        var etag = await _context.Instances.CommitAsync(entity, snapshot.Entity is null ? null : snapshot.ETag, actions, cancellationToken).ConfigureAwait(false);

        var history = checkpoint.ReplacesHistory ? new List<HistoryEvent>(checkpoint.NewEvents) : [.. snapshot.History, .. checkpoint.NewEvents];
        if (etag is { } newTag)
        {
            entity.ETag = newTag;
            held.Partition.SetCached(id, new InstanceSnapshot
            {
                Entity = entity,
                State = newState,
                ETag = newTag,
                History = history,
                HistoryRows = rows,
                StaleRowKeys = deleteLater,
                PendingTimers = [.. pendingTimers],
                IndexClass = indexClass,
                IndexKey = indexKey,
                IndexFormat = IndexStore.Format,
            });
        }
        else
        {
            held.Partition.SetCached(id, null);
        }

        // The index rows carry the status: written again when it changes (moved when the class does),
        // before the instance is unlocked, so that updates of one instance never overtake each other.
        if (snapshot.IndexClass != indexClass || snapshot.IndexKey is null || snapshot.IndexFormat < IndexStore.Format
            || snapshot.State?.RuntimeStatus != state.RuntimeStatus)
        {
            await UpdateIndexAsync(newState, snapshot.IndexClass, snapshot.State?.CompletedAt, indexKey).ConfigureAwait(false);
        }

        if (deleteLater.Count > 0)
        {
            cleanup.Add(_context.Instances.DeleteRowsAsync(id, deleteLater, CancellationToken.None));
        }

        cleanup.AddRange(timersToDelete.Select(t => _context.Timers.DeleteAsync(index, t, CancellationToken.None)));
    }

    /// <summary>
    /// Writes an instance's index rows as its state now says (class, status, completion row), then deletes
    /// what an earlier state left: rows of another class and the completion row of an earlier finish.
    /// Failures are logged; the repair path (queries, <see cref="RepairIndexAsync"/>) fixes what is left.
    /// </summary>
    private async Task UpdateIndexAsync(OrchestrationState state, string? oldClass, DateTimeOffset? oldCompletedAt, string indexKey)
    {
        try
        {
            var entry = IndexEntry.Of(state, indexKey);
            await _context.Index.WriteAsync(entry, CancellationToken.None).ConfigureAwait(false);
            var cleanup = new List<Task>();
            if (oldClass is not null && oldClass != entry.IndexClass)
            {
                cleanup.Add(_context.Index.DeleteAsync(state.Name, state.Tags, oldClass, indexKey, CancellationToken.None));
            }

            if (oldCompletedAt is { } finished && finished != entry.CompletedAt)
            {
                cleanup.Add(_context.Index.DeleteCompletionAsync(state.InstanceId, finished, CancellationToken.None));
            }

            await Task.WhenAll(cleanup).ConfigureAwait(false);
        }
        catch (Azure.RequestFailedException ex)
        {
            Log.IndexUpdateFailed(_context.Logger, state.InstanceId, ex);
        }
    }

    private async Task SendOutboundAsync(string fromInstance, OrchestrationMessage message, CancellationToken cancellationToken)
    {
        if (message.Event is ExecutionStartedEvent { Parent: not null } started && started.InstanceId != fromInstance)
        {
            await CreateOrReplaceAsync(
                started,
                readFirst: true,
                existing => existing.RuntimeStatus.IsTerminal() && existing.ExecutionId != started.ExecutionId,
                cancellationToken).ConfigureAwait(false);
        }

        await DeliverAsync(message, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// A deferred message that no held message backs (not expected): sent again with its delivery count,
    /// visible after the engine's retry interval.
    /// </summary>
    private async Task SendDeferredAsync(int index, OrchestrationMessage message, TimeSpan delay)
    {
        var text = await _context.Codec.EncodeAsync(message, message.DequeueCount, CancellationToken.None).ConfigureAwait(false);
        var visibility = delay <= TimeSpan.Zero ? TimeSpan.Zero : delay > TimeSpan.FromDays(7) ? TimeSpan.FromDays(7) : delay;
        await _context.Clients.ControlQueues[index].SendMessageAsync(text, visibility, TimeSpan.FromSeconds(-1)).ConfigureAwait(false);
    }
}
