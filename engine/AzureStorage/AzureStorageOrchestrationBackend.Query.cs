using System.Globalization;
using System.Text;
using Azure.Data.Tables;
using Workflows.Engine.AzureStorage.Internal;

namespace Workflows.Engine.AzureStorage;

public sealed partial class AzureStorageOrchestrationBackend
{
    /// <inheritdoc />
    public async Task<InstancePage> QueryInstancesAsync(InstanceQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        await _context.Clients.EnsureCreatedAsync(cancellationToken).ConfigureAwait(false);
        var after = DecodeToken(query.ContinuationToken);
        var criteria = IndexCriteria.Of(query);
        var page = new List<OrchestrationState>();
        string? lastKey = null;
        var more = false;
        await foreach (var (state, rowKey) in MatchesAsync(criteria, after, query.PageSize, query.FetchInputsAndOutputs, cancellationToken).ConfigureAwait(false))
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

    /// <summary>
    /// Walks the index newest first and yields the instances that really match (each checked against
    /// its state row, which the page needs anyway). The table service applies every filter, so nearly
    /// every candidate matches. Stale index rows met on the way are repaired.
    /// </summary>
    private async IAsyncEnumerable<(OrchestrationState State, string RowKey)> MatchesAsync(
        IndexCriteria criteria,
        string? after,
        int pageSize,
        bool includePayloads,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var scans = await IndexScan.ByCreationAsync(_context.Index, criteria, after, cancellationToken).ConfigureAwait(false);
        await using var candidates = new IndexCandidates(_context.Index.Table, scans, pageSize + 1, cancellationToken);
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

            var states = await Task.WhenAll(batch.Select(c => CheckCandidateAsync(c.Row, c.Partition, criteria, includePayloads, cancellationToken))).ConfigureAwait(false);
            for (var i = 0; i < batch.Count; i++)
            {
                if (states[i] is { } state)
                {
                    yield return (state, batch[i].Row.RowKey);
                }
            }
        }
    }

    private async Task<OrchestrationState?> CheckCandidateAsync(TableEntity row, string partition, IndexCriteria criteria, bool includePayloads, CancellationToken cancellationToken)
    {
        var instanceId = row.GetString(IndexStore.InstanceIdProperty) ?? row.RowKey[(row.RowKey.IndexOf('|', StringComparison.Ordinal) + 1)..];
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
            _ = UpdateIndexAsync(state, stale, null, row.RowKey);
        }
        else if (!IndexStore.IsCurrent(row, state.RuntimeStatus))
        {
            // Right class, stale status (or a row of an earlier format): write the instance's rows again.
            _ = UpdateIndexAsync(state, null, null, row.RowKey);
        }

        return criteria.Matches(state) ? state : null;
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
}
