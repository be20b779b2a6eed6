using Azure.Data.Tables;

namespace Workflows.Engine.AzureStorage.Internal;

/// <summary>
/// One table query of a query plan: a single index partition with every filter the table service can
/// evaluate on it (row-key range for time, name, status, tags, id prefix), so it returns matching rows only.
/// </summary>
/// <param name="Partition">The index partition.</param>
/// <param name="IndexClass">The class of the rows it holds ("Live", a terminal status, or "Completion" for completion rows).</param>
/// <param name="Filter">The whole OData filter, starting with the partition key.</param>
internal sealed record IndexScan(string Partition, string IndexClass, string Filter)
{
    public const string Completion = "Completion";

    /// <summary>The scans of the creation-time index: one partition family (a tag, else the name, else every name) times the classes.</summary>
    public static async Task<IReadOnlyList<IndexScan>> ByCreationAsync(IndexStore index, IndexCriteria criteria, string? after, CancellationToken cancellationToken)
    {
        string? tagKey = null;
        var namesArePartitions = false;
        IEnumerable<(string Partition, string Class)> partitions;
        if (criteria.Tags is { Count: > 0 } tags)
        {
            // The caller puts the most selective tag first (a case before a facility); the rest are filters.
            var (key, value) = tags.First();
            tagKey = key;
            partitions = criteria.Classes.Select(c => (IndexStore.TagPartition(key, value, c), c));
        }
        else if (criteria.Name is { } name)
        {
            partitions = criteria.Classes.Select(c => (IndexStore.NamePartition(IndexStore.NameKey(name), c), c));
        }
        else if (criteria.Names is { } listed)
        {
            namesArePartitions = true;
            partitions = listed.Select(IndexStore.NameKey).Distinct().SelectMany(n => criteria.Classes.Select(c => (IndexStore.NamePartition(n, c), c)));
        }
        else
        {
            var names = await index.ListNameKeysAsync(cancellationToken).ConfigureAwait(false);
            partitions = names.SelectMany(n => criteria.Classes.Select(c => (IndexStore.NamePartition(n, c), c)));
        }

        var filters = CommonFilters(criteria, after, nameIsPartition: tagKey is null, namesArePartitions, tagKey);
        return [.. partitions.Distinct().Select(p => new IndexScan(p.Partition, p.Class, Join(p.Partition, filters, StatusFilter(criteria, IndexStore.StatusesOf(p.Class)))))];
    }

    /// <summary>The scans of the completion rows: one partition per UTC day of the range (both ends required).</summary>
    public static IReadOnlyList<IndexScan> ByCompletion(IndexCriteria criteria)
    {
        if (criteria.From is not { } from || criteria.To is not { } to)
        {
            throw new ArgumentException("A completion-time scan needs both ends of its range.", nameof(criteria));
        }

        if (criteria.Statuses is { Count: > 0 } statuses && !statuses.Any(s => s.IsTerminal()))
        {
            return [];
        }

        var filters = CommonFilters(criteria, null, nameIsPartition: false, namesArePartitions: false, tagKey: null);
        var status = StatusFilter(criteria, IndexStore.TerminalStatuses);
        var scans = new List<IndexScan>();
        for (var day = from.UtcDateTime.Date; day <= to.AddTicks(-1).UtcDateTime.Date; day = day.AddDays(1))
        {
            var partition = IndexStore.CompletionPartition(new DateTimeOffset(day, TimeSpan.Zero));
            scans.Add(new IndexScan(partition, Completion, Join(partition, filters, status)));
        }

        return scans;
    }

    private static List<string> CommonFilters(IndexCriteria criteria, string? after, bool nameIsPartition, bool namesArePartitions, string? tagKey)
    {
        var filters = new List<string>();

        // Rows are keyed newest first: the range's end is the low key, its start the high key.
        if (criteria.To is { } to)
        {
            filters.Add(TableClient.CreateQueryFilter($"RowKey ge {Keys.InvertedTicks(to.AddTicks(-1))}"));
        }

        if (criteria.From is { } from)
        {
            filters.Add(TableClient.CreateQueryFilter($"RowKey lt {Keys.InvertedTicks(from) + "|\uffff"}"));
        }

        if (after is not null)
        {
            filters.Add(TableClient.CreateQueryFilter($"RowKey gt {after}"));
        }

        if (criteria.Prefix is { } prefix)
        {
            filters.Add(TableClient.CreateQueryFilter($"InstanceId ge {prefix} and InstanceId lt {Keys.PrefixEnd(prefix)}"));
        }

        if (criteria.Name is { } name && !nameIsPartition)
        {
            filters.Add(TableClient.CreateQueryFilter($"NameKey eq {IndexStore.NameKey(name)}"));
        }

        if (criteria.Names is { Count: > 0 } names && !namesArePartitions)
        {
            filters.Add("(" + string.Join(" or ", names.Select(n => TableClient.CreateQueryFilter($"NameKey eq {IndexStore.NameKey(n)}"))) + ")");
        }

        foreach (var (key, value) in criteria.Tags ?? new Dictionary<string, string>())
        {
            if (key != tagKey)
            {
                filters.Add(IndexStore.TagProperty(key) + " eq " + TableClient.CreateQueryFilter($"{value}"));
            }
        }

        return filters;
    }

    /// <summary>A status filter when the query asks for some, not all, of the statuses the partition holds.</summary>
    private static string? StatusFilter(IndexCriteria criteria, IReadOnlyList<OrchestrationRuntimeStatus> held)
    {
        if (criteria.Statuses is not { Count: > 0 } statuses)
        {
            return null;
        }

        var wanted = held.Where(statuses.Contains).ToList();
        if (wanted.Count == held.Count)
        {
            return null;
        }

        return "(" + string.Join(" or ", wanted.Select(s => TableClient.CreateQueryFilter($"Status eq {s.ToString()}"))) + ")";
    }

    private static string Join(string partition, List<string> filters, string? status)
    {
        var parts = new List<string> { TableClient.CreateQueryFilter($"PartitionKey eq {partition}") };
        parts.AddRange(filters);
        if (status is not null)
        {
            parts.Add(status);
        }

        return string.Join(" and ", parts);
    }
}
