using Azure.Data.Tables;
using Workflows.Engine.AzureStorage.Internal;

namespace Workflows.Engine.AzureStorage;

public sealed partial class AzureStorageOrchestrationBackend
{
    /// <summary>
    /// Moves every durable timer (and every other delayed message) that is due on the engine's clock
    /// into its control queue as a visible message, and returns how many it moved. Hosts that own a
    /// partition do this by themselves every <see cref="AzureStorageOptions.TimerPollingInterval"/>;
    /// a scheduled job calls this while the app is scaled to zero, so that the queue scale rule sees a
    /// visible message and wakes the app.
    /// </summary>
    public async Task<int> ReleaseDueTimersAsync(CancellationToken cancellationToken = default)
    {
        await _context.Clients.EnsureCreatedAsync(cancellationToken).ConfigureAwait(false);
        var moved = 0;
        for (var partition = 0; partition < _context.Options.PartitionCount; partition++)
        {
            while (true)
            {
                var due = await _context.Timers.DueAsync(partition, _context.Time.GetUtcNow(), 100, cancellationToken).ConfigureAwait(false);
                foreach (var row in due)
                {
                    var body = row.GetString("Body") ?? string.Empty;
                    string? replacedBlob = null;
                    if (row.GetInt32(TimerStore.Deliveries) is > 0 and var deliveries)
                    {
                        // Delivered before (by a host that then stopped): the queue message carries the count on.
                        (body, replacedBlob) = await _context.Codec.AddDeliveriesAsync(body, deliveries, cancellationToken).ConfigureAwait(false);
                    }

                    await _context.Clients.ControlQueues[partition].SendMessageAsync(body, TimeSpan.Zero, TimeSpan.FromSeconds(-1), cancellationToken).ConfigureAwait(false);
                    await _context.Timers.DeleteAsync(partition, row.RowKey, cancellationToken).ConfigureAwait(false);
                    await _context.Codec.DeleteBlobAsync(replacedBlob).ConfigureAwait(false);
                    moved++;
                }

                if (due.Count < 100)
                {
                    break;
                }
            }
        }

        return moved;
    }

    /// <summary>
    /// Repairs index rows left stale by a crash between a checkpoint and its index update: walks the
    /// live index rows of every orchestration name, moves those of finished instances to their class,
    /// writes again those whose status (or format) is out of date and deletes those of instances that no
    /// longer exist; first it finishes the purges a crash cut short (up to 100). Returns how many rows
    /// it fixed plus how many purges it finished. Queries repair what they meet on their own; this is
    /// for a scheduled clean-up, and it keeps counts exact after a crash.
    /// </summary>
    public async Task<int> RepairIndexAsync(CancellationToken cancellationToken = default)
    {
        await _context.Clients.EnsureCreatedAsync(cancellationToken).ConfigureAwait(false);
        var repaired = await FinishInterruptedPurgesAsync(cancellationToken).ConfigureAwait(false);
        foreach (var name in await _context.Index.ListNameKeysAsync(cancellationToken).ConfigureAwait(false))
        {
            var partition = IndexStore.NamePartition(name, IndexStore.Live);
            var filter = TableClient.CreateQueryFilter($"PartitionKey eq {partition}");
            await foreach (var row in _context.Index.Table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken).ConfigureAwait(false))
            {
                var instanceId = row.GetString(IndexStore.InstanceIdProperty) ?? string.Empty;
                var (entity, state) = await _context.Instances.ReadSummaryAsync(instanceId, cancellationToken).ConfigureAwait(false);
                if (entity is null || state is null || entity.GetString(StateRows.IndexKey) != row.RowKey)
                {
                    await DeleteIndexRowAsync(partition, row.RowKey).ConfigureAwait(false);
                    repaired++;
                }
                else if (IndexStore.ClassOf(state.RuntimeStatus) != IndexStore.Live)
                {
                    await UpdateIndexAsync(state, IndexStore.Live, null, row.RowKey).ConfigureAwait(false);
                    repaired++;
                }
                else if (!IndexStore.IsCurrent(row, state.RuntimeStatus))
                {
                    await UpdateIndexAsync(state, null, null, row.RowKey).ConfigureAwait(false);
                    repaired++;
                }
            }
        }

        return repaired;
    }

    /// <summary>
    /// Test hook: hands out a work item for an instance whatever the leases say, as a host that lost
    /// its lease without noticing would. Used to prove that only one of two such workers can commit.
    /// </summary>
    internal async Task<Backend.OrchestrationWorkItem> LockDetachedAsync(string instanceId, IReadOnlyList<Backend.OrchestrationMessage> messages, CancellationToken cancellationToken = default)
    {
        var partition = new ControlPartition(_context, _context.PartitionOf(instanceId));
        var slot = new InstanceSlot(instanceId);
        var held = messages.Select(m => new HeldMessage { Message = m }).ToList();
        var snapshot = await _context.Instances.LoadAsync(instanceId, cancellationToken).ConfigureAwait(false);
        Interlocked.Increment(ref _inFlightOrchestrations);
        return new Backend.OrchestrationWorkItem
        {
            InstanceId = instanceId,
            History = snapshot.History,
            Messages = [.. held.Select(m => m.WithCount())],
            State = snapshot.State,
            BackendState = new OrchestrationLock(partition, slot, held, snapshot),
        };
    }

    /// <summary>
    /// Bench hook: stores an instance's state row and index rows exactly as the backend writes them,
    /// without running it, to fill a task hub with many instances quickly.
    /// </summary>
    internal async Task SeedAsync(OrchestrationState state, CancellationToken cancellationToken = default)
    {
        await _context.Clients.EnsureCreatedAsync(cancellationToken).ConfigureAwait(false);
        var indexClass = IndexStore.ClassOf(state.RuntimeStatus);
        var indexKey = Keys.IndexRowKey(state.CreatedAt, state.InstanceId);
        var entity = await StateRows.ToEntityAsync(state, new StateRowExtras(0, indexClass, indexKey, []), null, _context.Instances.Payloads, _context.Instances.Json, cancellationToken).ConfigureAwait(false);
        await _context.Index.WriteAsync(IndexEntry.Of(state, indexKey), cancellationToken).ConfigureAwait(false);
        await _context.Instances.Table.UpsertEntityAsync(entity, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
    }
}
