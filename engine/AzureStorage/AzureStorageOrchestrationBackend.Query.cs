using System.Globalization;
using System.Text;
using Azure.Data.Tables;
using Workflows.Engine.AzureStorage.Internal;

namespace Workflows.Engine.AzureStorage;

public sealed partial class AzureStorageOrchestrationBackend
{
    private static readonly string[] TerminalClasses = ["Completed", "Failed", "Terminated", "Canceled"];

    /// <inheritdoc />
    public async Task<InstancePage> QueryInstancesAsync(InstanceQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        await _context.Clients.EnsureCreatedAsync(cancellationToken).ConfigureAwait(false);
        var after = DecodeToken(query.ContinuationToken);
        var classes = query.RuntimeStatus is { Count: > 0 } statuses
            ? statuses.Select(IndexStore.ClassOf).Distinct().ToArray()
            : IndexStore.AllClasses;
        var filter = new Filter(query.RuntimeStatus, query.Name, query.CreatedFrom, query.CreatedTo, query.InstanceIdPrefix, query.Tags);
        var page = new List<OrchestrationState>();
        string? lastKey = null;
        var more = false;
        await foreach (var (state, rowKey) in MatchesAsync(filter, classes, after, query.PageSize, query.FetchInputsAndOutputs, cancellationToken).ConfigureAwait(false))
        {
            if (page.Count == query.PageSize)
            {
                more = true;
                break;
            }

            page.Add(state);
            lastKey = rowKey;
        }

        return new InstancePage(page, more ? EncodeToken(lastKey!) : null);
    }

    /// <inheritdoc />
    public async Task<bool> PurgeInstanceAsync(string instanceId, CancellationToken cancellationToken = default)
    {
        await _context.Clients.EnsureCreatedAsync(cancellationToken).ConfigureAwait(false);
        var (entity, state) = await _context.Instances.ReadStateAsync(instanceId, false, cancellationToken).ConfigureAwait(false);
        if (entity is null || state is null || !state.RuntimeStatus.IsTerminal())
        {
            return false;
        }

        return await PurgeAsync(entity, state, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task<PurgeResult> PurgeInstancesAsync(PurgeFilter filter, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(filter);
        await _context.Clients.EnsureCreatedAsync(cancellationToken).ConfigureAwait(false);
        var statuses = filter.RuntimeStatus is { Count: > 0 } given
            ? given
            : [OrchestrationRuntimeStatus.Completed, OrchestrationRuntimeStatus.Failed, OrchestrationRuntimeStatus.Terminated, OrchestrationRuntimeStatus.Canceled];
        var classes = statuses.Select(IndexStore.ClassOf).Where(c => TerminalClasses.Contains(c)).Distinct().ToArray();
        var matches = new Filter(statuses, filter.Name, filter.CreatedFrom, filter.CreatedTo, filter.InstanceIdPrefix, null);
        var deleted = 0;
        var more = false;
        await foreach (var (state, _) in MatchesAsync(matches, classes, null, Math.Min(filter.MaxInstances + 1, 1000), false, cancellationToken).ConfigureAwait(false))
        {
            if (deleted == filter.MaxInstances)
            {
                more = true;
                break;
            }

            var (entity, current) = await _context.Instances.ReadStateAsync(state.InstanceId, false, cancellationToken).ConfigureAwait(false);
            if (entity is not null && current is not null && current.RuntimeStatus.IsTerminal()
                && await PurgeAsync(entity, current, cancellationToken).ConfigureAwait(false))
            {
                deleted++;
            }
        }

        return new PurgeResult(deleted, more);
    }

    /// <summary>
    /// Deletes the state row first (guarded by its ETag, so readers see the instance vanish at once),
    /// then its history rows, index rows, timers and blobs.
    /// </summary>
    private async Task<bool> PurgeAsync(TableEntity entity, OrchestrationState state, CancellationToken cancellationToken)
    {
        var id = state.InstanceId;
        try
        {
            await _context.Instances.Table.DeleteEntityAsync(id, Keys.StateRowKey, entity.ETag, cancellationToken).ConfigureAwait(false);
        }
        catch (Azure.RequestFailedException ex) when (ex.Status is 404 or 412)
        {
            return false;
        }

        var rows = await _context.Instances.ListRowKeysAsync(id, cancellationToken).ConfigureAwait(false);
        var work = new List<Task> { _context.Instances.DeleteRowsAsync(id, rows, cancellationToken) };
        if (entity.GetString(StateRows.IndexKey) is { } indexKey)
        {
            var indexClass = entity.GetString(StateRows.IndexClass) ?? IndexStore.Live;
            work.Add(_context.Index.DeleteAsync(state.Name, state.Tags, indexClass, indexKey, cancellationToken));
            if (indexClass != IndexStore.Live)
            {
                work.Add(_context.Index.DeleteAsync(state.Name, state.Tags, IndexStore.Live, indexKey, cancellationToken));
            }
        }

        var partition = _context.PartitionOf(id);
        work.AddRange(StateRows.ReadPendingTimers(entity, _context.Instances.Json).Select(t => _context.Timers.DeleteAsync(partition, t, cancellationToken)));
        work.Add(_context.Instances.Payloads.DeletePrefixAsync(id + "/", cancellationToken));
        await Task.WhenAll(work).ConfigureAwait(false);
        return true;
    }

    /// <summary>
    /// Walks the index newest first and yields the instances that really match (each checked against
    /// its state row). Stale index rows met on the way are repaired.
    /// </summary>
    private async IAsyncEnumerable<(OrchestrationState State, string RowKey)> MatchesAsync(
        Filter filter,
        IReadOnlyCollection<string> classes,
        string? after,
        int pageSize,
        bool includePayloads,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        IEnumerable<string> partitions;
        if (filter.Tags is { Count: > 0 } tags)
        {
            var (key, value) = tags.First();
            partitions = classes.Select(c => IndexStore.TagPartition(key, value, c));
        }
        else if (filter.Name is { } name)
        {
            partitions = classes.Select(c => IndexStore.NamePartition(IndexStore.NameKey(name), c));
        }
        else
        {
            var names = await _context.Index.ListNameKeysAsync(cancellationToken).ConfigureAwait(false);
            partitions = names.SelectMany(n => classes.Select(c => IndexStore.NamePartition(n, c)));
        }

        var low = filter.CreatedTo is { } to ? Keys.InvertedTicks(to.AddTicks(-1)) : null;
        var high = filter.CreatedFrom is { } from ? Keys.InvertedTicks(from) + "|\uffff" : null;
        string? extra = null;
        if (filter.Prefix is { } prefix)
        {
            extra = TableClient.CreateQueryFilter($"InstanceId ge {prefix} and InstanceId lt {Keys.PrefixEnd(prefix)}");
        }

        await using var candidates = new IndexCandidates(_context.Index.Table, partitions, low, high, after, extra, pageSize + 1, cancellationToken);
        var batch = new List<(TableEntity Row, string Partition)>();
        string? previousKey = null;
        var done = false;
        while (!done)
        {
            batch.Clear();
            // One more than a page: enough to fill it and to know whether another page follows.
            while (batch.Count < Math.Clamp(pageSize + 1, 8, 100))
            {
                var next = await candidates.NextAsync().ConfigureAwait(false);
                if (next is null)
                {
                    done = true;
                    break;
                }

                // The same instance can sit in two classes while an index move is under way.
                if (next.Value.Row.RowKey != previousKey)
                {
                    batch.Add(next.Value);
                    previousKey = next.Value.Row.RowKey;
                }
            }

            var states = await Task.WhenAll(batch.Select(c => CheckCandidateAsync(c.Row, c.Partition, filter, includePayloads, cancellationToken))).ConfigureAwait(false);
            for (var i = 0; i < batch.Count; i++)
            {
                if (states[i] is { } state)
                {
                    yield return (state, batch[i].Row.RowKey);
                }
            }
        }
    }

    private async Task<OrchestrationState?> CheckCandidateAsync(TableEntity row, string partition, Filter filter, bool includePayloads, CancellationToken cancellationToken)
    {
        var instanceId = row.GetString("InstanceId") ?? row.RowKey[(row.RowKey.IndexOf('|', StringComparison.Ordinal) + 1)..];
        var (entity, state) = await _context.Instances.ReadStateAsync(instanceId, includePayloads, cancellationToken).ConfigureAwait(false);
        if (entity is null || state is null || entity.GetString(StateRows.IndexKey) != row.RowKey)
        {
            // An index row of an instance that no longer exists (or of an earlier life of its id).
            _ = DeleteIndexRowAsync(partition, row.RowKey);
            return null;
        }

        var indexClass = IndexStore.ClassOf(state.RuntimeStatus);
        if (!partition.EndsWith("|" + indexClass, StringComparison.Ordinal))
        {
            // A crash between a checkpoint and its index update: move the rows now.
            var stale = partition[(partition.LastIndexOf('|') + 1)..];
            _ = MoveIndexAsync(state, stale, indexClass, row.RowKey);
        }

        return filter.Matches(state) ? state : null;
    }

    private async Task DeleteIndexRowAsync(string partition, string rowKey)
    {
        try
        {
            await _context.Index.Table.DeleteEntityAsync(partition, rowKey, Azure.ETag.All).ConfigureAwait(false);
        }
        catch (Azure.RequestFailedException ex)
        {
            Log.IndexUpdateFailed(_context.Logger, rowKey, ex);
        }
    }

    private static string EncodeToken(string rowKey) => Convert.ToBase64String(Encoding.UTF8.GetBytes(rowKey));

    private static string? DecodeToken(string? token)
    {
        if (string.IsNullOrEmpty(token))
        {
            return null;
        }

        try
        {
            var key = Encoding.UTF8.GetString(Convert.FromBase64String(token));
            return key.Length > 20 && key[19] == '|' && long.TryParse(key.AsSpan(0, 19), NumberStyles.None, CultureInfo.InvariantCulture, out _)
                ? key
                : throw new FormatException();
        }
        catch (FormatException)
        {
            throw new OrchestrationException(OrchestrationErrorCode.InvalidArgument, "The continuation token is not valid.");
        }
    }

    private sealed record Filter(
        IReadOnlyCollection<OrchestrationRuntimeStatus>? Statuses,
        string? Name,
        DateTimeOffset? CreatedFrom,
        DateTimeOffset? CreatedTo,
        string? Prefix,
        IReadOnlyDictionary<string, string>? Tags)
    {
        public bool Matches(OrchestrationState s) =>
            (Statuses is null || Statuses.Count == 0 || Statuses.Contains(s.RuntimeStatus))
            && (Name is null || string.Equals(s.Name, Name, StringComparison.OrdinalIgnoreCase))
            && (CreatedFrom is null || s.CreatedAt >= CreatedFrom)
            && (CreatedTo is null || s.CreatedAt < CreatedTo)
            && (Prefix is null || s.InstanceId.StartsWith(Prefix, StringComparison.Ordinal))
            && (Tags is null || Tags.All(t => s.Tags.TryGetValue(t.Key, out var v) && v == t.Value));
    }
}
