using Azure;
using Azure.Data.Tables;
using Workflows.Engine.AzureStorage.Internal;
using Workflows.Engine.Backend;
using Workflows.Engine.History;

namespace Workflows.Engine.AzureStorage;

public sealed partial class AzureStorageOrchestrationBackend
{
    /// <inheritdoc />
    public async Task CreateInstanceAsync(OrchestrationMessage startMessage, IReadOnlyCollection<OrchestrationRuntimeStatus> dedupeStatuses, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(startMessage);
        ArgumentNullException.ThrowIfNull(dedupeStatuses);
        await _context.Clients.EnsureCreatedAsync(cancellationToken).ConfigureAwait(false);
        var started = (ExecutionStartedEvent)startMessage.Event;
        await CreateOrReplaceAsync(started, readFirst: false, existing =>
        {
            if (dedupeStatuses.Contains(existing.RuntimeStatus))
            {
                throw new OrchestrationException(
                    OrchestrationErrorCode.InstanceAlreadyExists,
                    $"An instance with id '{started.InstanceId}' already exists ({existing.RuntimeStatus}).");
            }

            return true;
        }, cancellationToken).ConfigureAwait(false);
        await DeliverAsync(startMessage, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task SendMessageAsync(OrchestrationMessage message, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        await _context.Clients.EnsureCreatedAsync(cancellationToken).ConfigureAwait(false);
        await DeliverAsync(message, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task<OrchestrationState?> GetStateAsync(string instanceId, bool includePayloads, CancellationToken cancellationToken = default)
    {
        await _context.Clients.EnsureCreatedAsync(cancellationToken).ConfigureAwait(false);
        var (_, state) = await _context.Instances.ReadStateAsync(instanceId, includePayloads, cancellationToken).ConfigureAwait(false);
        return state;
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<HistoryEvent>> GetHistoryAsync(string instanceId, CancellationToken cancellationToken = default)
    {
        await _context.Clients.EnsureCreatedAsync(cancellationToken).ConfigureAwait(false);
        var snapshot = await _context.Instances.LoadAsync(instanceId, cancellationToken).ConfigureAwait(false);
        return snapshot.History;
    }

    /// <summary>
    /// Routes a message: to the timers table when it must wait, to this host's memory (backed by an
    /// invisible queue message) when this host owns the target partition, else to the control queue.
    /// </summary>
    private async Task DeliverAsync(OrchestrationMessage message, CancellationToken cancellationToken)
    {
        var index = _context.PartitionOf(message.InstanceId);
        if (message.VisibleAt is { } at && at > _context.Time.GetUtcNow())
        {
            await _context.Timers.AddAsync(index, message, at, 0, cancellationToken).ConfigureAwait(false);
            return;
        }

        if (OwnedPartition(message.InstanceId) is { } partition)
        {
            await partition.SendLocalAsync(message, cancellationToken).ConfigureAwait(false);
            return;
        }

        var text = await _context.Codec.EncodeAsync(message, cancellationToken).ConfigureAwait(false);
        await _context.Clients.ControlQueues[index].SendMessageAsync(text, TimeSpan.Zero, TimeSpan.FromSeconds(-1), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Creates the instance's state row (Pending) and index rows, or replaces an existing instance when
    /// <paramref name="mayReplace"/> agrees (it may also throw). Returns false when it kept the existing one.
    /// </summary>
    private async Task<bool> CreateOrReplaceAsync(ExecutionStartedEvent started, bool readFirst, Func<OrchestrationState, bool> mayReplace, CancellationToken cancellationToken)
    {
        var id = started.InstanceId;
        var now = _context.Time.GetUtcNow();
        var tags = started.Tags ?? new Dictionary<string, string>();
        var state = new OrchestrationState
        {
            InstanceId = id,
            ExecutionId = started.ExecutionId,
            Name = started.Name,
            Version = started.Version,
            RuntimeStatus = OrchestrationRuntimeStatus.Pending,
            CreatedAt = now,
            LastUpdatedAt = now,
            ScheduledStartTime = started.ScheduledStartTime,
            Input = started.Input,
            Tags = tags,
            ParentInstanceId = started.Parent?.InstanceId,
        };
        var indexKey = Keys.IndexRowKey(now, id);
        var entity = await StateRows.ToEntityAsync(state, new StateRowExtras(0, IndexStore.Live, indexKey, []), null, _context.Instances.Payloads, _context.Instances.Json, cancellationToken).ConfigureAwait(false);
        var indexed = false;
        for (var attempt = 0; attempt < 5; attempt++)
        {
            TableEntity? existingEntity = null;
            OrchestrationState? existing = null;
            if (readFirst || attempt > 0)
            {
                existingEntity = await _context.Instances.ReadStateRowAsync(id, cancellationToken).ConfigureAwait(false);
                if (existingEntity is not null && StateRows.IsPurging(existingEntity))
                {
                    // A purge of the id's earlier instance was cut short: finish it, then create.
                    await FinishPurgeAsync(existingEntity, cancellationToken).ConfigureAwait(false);
                    continue;
                }

                existing = existingEntity is null
                    ? null
                    : await StateRows.ToStateAsync(existingEntity, false, _context.Instances.Payloads, _context.Instances.Json, cancellationToken).ConfigureAwait(false);
                if (existing is not null && !mayReplace(existing))
                {
                    if (indexed)
                    {
                        await _context.Index.DeleteAsync(state.Name, tags, IndexStore.Live, indexKey, cancellationToken).ConfigureAwait(false);
                    }

                    return false;
                }
            }

            if (!indexed)
            {
                // Index first: a crash leaves at worst an index row without an instance, which queries skip and repair deletes.
                await _context.Index.WriteAsync(IndexEntry.Of(state, indexKey), cancellationToken).ConfigureAwait(false);
                indexed = true;
            }

            try
            {
                Response response = existingEntity is null
                    ? await _context.Instances.Table.AddEntityAsync(entity, cancellationToken).ConfigureAwait(false)
                    : await _context.Instances.Table.UpdateEntityAsync(entity, existingEntity.ETag, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
                entity.ETag = response.Headers.ETag ?? default;
            }
            catch (RequestFailedException ex) when (ex.Status is 409 or 412 or 404)
            {
                continue;
            }

            if (existingEntity is not null && existing is not null)
            {
                await CleanUpReplacedAsync(existingEntity, existing, cancellationToken).ConfigureAwait(false);
            }

            if (OwnedPartition(id) is { } partition && entity.ETag != default)
            {
                partition.SetCached(id, new InstanceSnapshot
                {
                    Entity = entity,
                    State = state,
                    ETag = entity.ETag,
                    History = [],
                    IndexClass = IndexStore.Live,
                    IndexKey = indexKey,
                    IndexFormat = IndexStore.Format,
                });
            }

            return true;
        }

        throw new OrchestrationException(OrchestrationErrorCode.InvalidInstanceState, $"Instance '{id}' kept changing while it was being created; try again.");
    }

    /// <summary>Removes what a replaced instance left: index rows (with its completion row), history rows of other executions, timers.</summary>
    private async Task CleanUpReplacedAsync(TableEntity oldEntity, OrchestrationState old, CancellationToken cancellationToken)
    {
        try
        {
            if (oldEntity.GetString(StateRows.IndexKey) is { } oldKey && oldEntity.GetString(StateRows.IndexClass) is { } oldClass)
            {
                await _context.Index.DeleteAsync(old.Name, old.Tags, oldClass, oldKey, cancellationToken).ConfigureAwait(false);
            }

            if (old.RuntimeStatus.IsTerminal() && old.CompletedAt is { } completedAt)
            {
                await _context.Index.DeleteCompletionAsync(old.InstanceId, completedAt, cancellationToken).ConfigureAwait(false);
            }

            var rows = await _context.Instances.ListRowKeysAsync(old.InstanceId, cancellationToken).ConfigureAwait(false);
            await _context.Instances.DeleteRowsAsync(old.InstanceId, [.. rows.Where(r => r != Keys.StateRowKey)], cancellationToken).ConfigureAwait(false);
            var partition = _context.PartitionOf(old.InstanceId);
            foreach (var timer in StateRows.ReadPendingTimers(oldEntity, _context.Instances.Json))
            {
                await _context.Timers.DeleteAsync(partition, timer, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (RequestFailedException ex)
        {
            Log.CleanupFailed(_context.Logger, old.InstanceId, ex);
        }
    }
}
