using Azure;
using Azure.Data.Tables;
using Workflows.Engine.AzureStorage.Internal;

namespace Workflows.Engine.AzureStorage;

public sealed partial class AzureStorageOrchestrationBackend
{
    // A purge noted in the journal whose state row never became a tombstone is dropped from the journal
    // once it is older than this (younger, the purge may still be between its two first writes).
    private static readonly TimeSpan UnstartedPurgeAge = TimeSpan.FromMinutes(1);

    /// <summary>Test hook: called after each step of a purge with the step's name ("history", "timers and payloads", "index").</summary>
    internal Action<string>? PurgeStepDone { get; set; }

    /// <inheritdoc />
    public async Task<bool> PurgeInstanceAsync(string instanceId, CancellationToken cancellationToken = default)
    {
        await _context.Clients.EnsureCreatedAsync(cancellationToken).ConfigureAwait(false);
        var entity = await _context.Instances.ReadStateRowAsync(instanceId, cancellationToken).ConfigureAwait(false);
        if (entity is null)
        {
            return false;
        }

        if (StateRows.IsPurging(entity))
        {
            // An earlier purge was cut short: this one finishes it.
            return await FinishPurgeAsync(entity, cancellationToken).ConfigureAwait(false);
        }

        return StateRows.ToSummary(entity, _context.Instances.Json).RuntimeStatus.IsTerminal()
            && await PurgeAsync(entity, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task<PurgeResult> PurgeInstancesAsync(PurgeFilter filter, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(filter);
        await _context.Clients.EnsureCreatedAsync(cancellationToken).ConfigureAwait(false);

        // Purges cut short are no longer visible to the filter: finish them first.
        await FinishInterruptedPurgesAsync(cancellationToken).ConfigureAwait(false);
        var statuses = filter.RuntimeStatus is { Count: > 0 } given
            ? given
            : [OrchestrationRuntimeStatus.Completed, OrchestrationRuntimeStatus.Failed, OrchestrationRuntimeStatus.Terminated, OrchestrationRuntimeStatus.Canceled];
        var matches = new IndexCriteria([.. statuses.Where(s => s.IsTerminal())], filter.Name, null, filter.InstanceIdPrefix, filter.CreatedFrom, filter.CreatedTo);
        var deleted = 0;
        var more = false;
        await foreach (var (state, _) in MatchesAsync(matches, null, Math.Min(filter.MaxInstances + 1, 1000), false, cancellationToken).ConfigureAwait(false))
        {
            if (deleted == filter.MaxInstances)
            {
                more = true;
                break;
            }

            var (entity, current) = await _context.Instances.ReadSummaryAsync(state.InstanceId, cancellationToken).ConfigureAwait(false);
            if (entity is not null && current is not null && current.RuntimeStatus.IsTerminal()
                && await PurgeAsync(entity, cancellationToken).ConfigureAwait(false))
            {
                deleted++;
            }
        }

        return new PurgeResult(deleted, more);
    }

    /// <summary>
    /// Finishes the purges a crash cut short (found in the purge journal), at most 100 per call, and
    /// returns how many it finished. Journal entries whose purge never started are dropped.
    /// </summary>
    private async Task<int> FinishInterruptedPurgesAsync(CancellationToken cancellationToken)
    {
        var finished = 0;
        foreach (var (instanceId, startedAt) in await _context.Purges.ListAsync(100, cancellationToken).ConfigureAwait(false))
        {
            var entity = await _context.Instances.ReadStateRowAsync(instanceId, cancellationToken).ConfigureAwait(false);
            if (entity is not null && StateRows.IsPurging(entity))
            {
                finished += await FinishPurgeAsync(entity, cancellationToken).ConfigureAwait(false) ? 1 : 0;
            }
            else if (entity is null || _context.Time.GetUtcNow() - startedAt > UnstartedPurgeAge)
            {
                await _context.Purges.RemoveAsync(instanceId, cancellationToken).ConfigureAwait(false);
            }
        }

        return finished;
    }

    /// <summary>
    /// Purges a finished instance so that a crash at any point leaves something that finishes it: notes
    /// the purge in the journal, turns the state row into a tombstone (guarded by its ETag, so readers see
    /// the instance vanish at once and a concurrent checkpoint or restart wins), then deletes the rest
    /// and the state row last. False when the instance changed meanwhile.
    /// </summary>
    private async Task<bool> PurgeAsync(TableEntity entity, CancellationToken cancellationToken)
    {
        var id = entity.PartitionKey;
        var now = _context.Time.GetUtcNow();
        await _context.Purges.AddAsync(id, now, cancellationToken).ConfigureAwait(false);
        var mark = new TableEntity(id, Keys.StateRowKey) { [StateRows.PurgeStartedAt] = now };
        try
        {
            var response = await _context.Instances.Table.UpdateEntityAsync(mark, entity.ETag, TableUpdateMode.Merge, cancellationToken).ConfigureAwait(false);
            entity[StateRows.PurgeStartedAt] = now;
            entity.ETag = response.Headers.ETag ?? default;
        }
        catch (RequestFailedException ex) when (ex.Status is 404 or 412)
        {
            // Changed or gone since it was read. Keep the journal entry only if another purge owns the row now.
            var current = await _context.Instances.ReadStateRowAsync(id, cancellationToken).ConfigureAwait(false);
            if (current is null || !StateRows.IsPurging(current))
            {
                await _context.Purges.RemoveAsync(id, cancellationToken).ConfigureAwait(false);
            }

            return false;
        }

        return await FinishPurgeAsync(entity, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Deletes what a tombstone's instance left: history rows, timers, blobs, index rows, then the state
    /// row (guarded by the tombstone's ETag) and the journal entry. Every step is idempotent, so a purge
    /// finished twice, or by two callers at once, does no harm. False when someone else got there first.
    /// </summary>
    private async Task<bool> FinishPurgeAsync(TableEntity tombstone, CancellationToken cancellationToken)
    {
        var id = tombstone.PartitionKey;
        var state = StateRows.ToSummary(tombstone, _context.Instances.Json);
        var rows = await _context.Instances.ListRowKeysAsync(id, cancellationToken).ConfigureAwait(false);
        if ((await _context.Instances.ReadStateRowAsync(id, cancellationToken).ConfigureAwait(false))?.ETag != tombstone.ETag)
        {
            // Finished by someone else (and perhaps the id started again): the rows listed may be a new instance's.
            return false;
        }

        await _context.Instances.DeleteRowsAsync(id, [.. rows.Where(r => r != Keys.StateRowKey)], cancellationToken).ConfigureAwait(false);
        PurgeStepDone?.Invoke("history");

        var partition = _context.PartitionOf(id);
        var work = StateRows.ReadPendingTimers(tombstone, _context.Instances.Json)
            .Select(t => _context.Timers.DeleteAsync(partition, t, cancellationToken))
            .Append(_context.Instances.Payloads.DeletePrefixAsync(id + "/", cancellationToken));
        await Task.WhenAll(work).ConfigureAwait(false);
        PurgeStepDone?.Invoke("timers and payloads");

        await DeleteIndexRowsAsync(tombstone, state, cancellationToken).ConfigureAwait(false);
        PurgeStepDone?.Invoke("index");

        try
        {
            await _context.Instances.Table.DeleteEntityAsync(id, Keys.StateRowKey, tombstone.ETag, cancellationToken).ConfigureAwait(false);
        }
        catch (RequestFailedException ex) when (ex.Status == 412)
        {
            // The id was purged by someone else and started again meanwhile; its journal entry is not ours.
            return false;
        }

        await _context.Purges.RemoveAsync(id, cancellationToken).ConfigureAwait(false);
        return true;
    }

    private Task DeleteIndexRowsAsync(TableEntity entity, OrchestrationState state, CancellationToken cancellationToken)
    {
        var work = new List<Task>();
        if (entity.GetString(StateRows.IndexKey) is { } indexKey)
        {
            var indexClass = entity.GetString(StateRows.IndexClass) ?? IndexStore.Live;
            work.Add(_context.Index.DeleteAsync(state.Name, state.Tags, indexClass, indexKey, cancellationToken));
            if (indexClass != IndexStore.Live)
            {
                work.Add(_context.Index.DeleteAsync(state.Name, state.Tags, IndexStore.Live, indexKey, cancellationToken));
            }
        }

        if (state.RuntimeStatus.IsTerminal() && state.CompletedAt is { } completedAt)
        {
            work.Add(_context.Index.DeleteCompletionAsync(state.InstanceId, completedAt, cancellationToken));
        }

        return Task.WhenAll(work);
    }
}
