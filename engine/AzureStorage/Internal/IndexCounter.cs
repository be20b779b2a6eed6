using System.Collections.Concurrent;
using Azure.Data.Tables;

namespace Workflows.Engine.AzureStorage.Internal;

/// <summary>
/// Counts index rows: every scan is one partition with all filters applied by the table service, read
/// a thousand rows per request with only the keys, name and status selected. Instance state rows are
/// never read. Live rows are read first so that an instance caught between two classes (its finished
/// row written, its live row not yet deleted) is counted once, as finished.
/// </summary>
internal static class IndexCounter
{
    private const int Parallelism = 8;
    private static readonly string[] Selected = ["RowKey", IndexStore.NameProperty, IndexStore.NameKeyProperty, IndexStore.StatusProperty];

    public static async Task<IReadOnlyList<InstanceCount>> CountAsync(TableClient table, IReadOnlyList<IndexScan> scans, InstanceCountQuery query, CancellationToken cancellationToken)
    {
        var live = new ConcurrentDictionary<string, Group>(StringComparer.Ordinal);
        var totals = new ConcurrentDictionary<Group, long>();
        var names = new ConcurrentDictionary<string, string>(StringComparer.Ordinal);
        var options = new ParallelOptions { MaxDegreeOfParallelism = Parallelism, CancellationToken = cancellationToken };

        await Parallel.ForEachAsync(scans.Where(s => s.IndexClass == IndexStore.Live), options, async (scan, token) =>
        {
            await foreach (var row in Read(table, scan, token).ConfigureAwait(false))
            {
                live[row.RowKey] = GroupOf(row, scan, query, names);
            }
        }).ConfigureAwait(false);

        await Parallel.ForEachAsync(scans.Where(s => s.IndexClass != IndexStore.Live), options, async (scan, token) =>
        {
            var local = new Dictionary<Group, long>();
            await foreach (var row in Read(table, scan, token).ConfigureAwait(false))
            {
                if (scan.IndexClass != IndexScan.Completion)
                {
                    live.TryRemove(row.RowKey, out _);
                }

                var group = GroupOf(row, scan, query, names);
                local[group] = local.GetValueOrDefault(group) + 1;
            }

            foreach (var (group, count) in local)
            {
                totals.AddOrUpdate(group, count, (_, sum) => sum + count);
            }
        }).ConfigureAwait(false);

        foreach (var group in live.Values)
        {
            totals.AddOrUpdate(group, 1, (_, sum) => sum + 1);
        }

        return [.. totals
            .Select(t => new InstanceCount(t.Key.NameKey is { } key ? names.GetValueOrDefault(key, key) : null, t.Key.Status, t.Key.Bucket, t.Value))
            .OrderBy(c => c.Name, StringComparer.OrdinalIgnoreCase).ThenBy(c => c.RuntimeStatus).ThenBy(c => c.BucketStart)];
    }

    private static Azure.AsyncPageable<TableEntity> Read(TableClient table, IndexScan scan, CancellationToken cancellationToken) =>
        table.QueryAsync<TableEntity>(scan.Filter, maxPerPage: 1000, select: Selected, cancellationToken: cancellationToken);

    private static Group GroupOf(TableEntity row, IndexScan scan, InstanceCountQuery query, ConcurrentDictionary<string, string> names)
    {
        string? nameKey = null;
        if (query.ByName)
        {
            nameKey = row.GetString(IndexStore.NameKeyProperty) ?? string.Empty;
            names.TryAdd(nameKey, row.GetString(IndexStore.NameProperty) ?? nameKey);
        }

        OrchestrationRuntimeStatus? status = query.ByStatus ? StatusOf(row, scan) : null;
        return new Group(nameKey, status, query.BucketOf(IndexStore.TimeOfRowKey(row.RowKey)));
    }

    /// <summary>The row's status; rows written before the status was indexed stand for their class (a live one as Running).</summary>
    private static OrchestrationRuntimeStatus StatusOf(TableEntity row, IndexScan scan) =>
        Enum.TryParse<OrchestrationRuntimeStatus>(row.GetString(IndexStore.StatusProperty), out var status) ? status
        : scan.IndexClass == IndexStore.Live ? OrchestrationRuntimeStatus.Running
        : scan.IndexClass == IndexScan.Completion ? OrchestrationRuntimeStatus.Completed
        : Enum.Parse<OrchestrationRuntimeStatus>(scan.IndexClass);

    private sealed record Group(string? NameKey, OrchestrationRuntimeStatus? Status, DateTimeOffset? Bucket);
}
