using System.Collections.Concurrent;
using System.Globalization;
using Azure;
using Azure.Data.Tables;

namespace Workflows.Engine.AzureStorage.Internal;

/// <summary>
/// Query index rows. For every instance, one row under <c>I|{name}|{class}</c> and one per tag under
/// <c>T|{key}|{value}|{class}</c>, keyed newest first by creation time; for every finished instance one
/// more under <c>C|{yyyyMMdd}</c> (the UTC day it finished), keyed newest first by completion time. The
/// class is "Live" for Pending, Running, Suspended and ContinuedAsNew, or the terminal status, so rows
/// move only when an instance finishes (or is replaced). Every row carries the instance's name, status
/// and tags as properties, so any filter can be evaluated by the table service on one partition and
/// counted without reading the instance. A registry row per orchestration name lets status-only queries
/// find every name.
/// </summary>
internal sealed class IndexStore(TableClient table)
{
    public const string Live = "Live";
    public const string NamesPartition = "names";
    public const string InstanceIdProperty = "InstanceId";
    public const string NameProperty = "Name";
    public const string NameKeyProperty = "NameKey";
    public const string StatusProperty = "Status";

    /// <summary>The index format written today; state rows record it so older instances are rewritten as they progress.</summary>
    public const int Format = 2;

    private readonly ConcurrentDictionary<string, bool> _knownNames = new(StringComparer.Ordinal);

    public TableClient Table => table;

    public static readonly string[] AllClasses = [Live, "Completed", "Failed", "Terminated", "Canceled"];

    public static readonly OrchestrationRuntimeStatus[] LiveStatuses =
        [OrchestrationRuntimeStatus.Pending, OrchestrationRuntimeStatus.Running, OrchestrationRuntimeStatus.Suspended, OrchestrationRuntimeStatus.ContinuedAsNew];

    public static readonly OrchestrationRuntimeStatus[] TerminalStatuses =
        [OrchestrationRuntimeStatus.Completed, OrchestrationRuntimeStatus.Failed, OrchestrationRuntimeStatus.Terminated, OrchestrationRuntimeStatus.Canceled];

    public static string ClassOf(OrchestrationRuntimeStatus status) => status switch
    {
        OrchestrationRuntimeStatus.Completed => "Completed",
        OrchestrationRuntimeStatus.Failed => "Failed",
        OrchestrationRuntimeStatus.Terminated => "Terminated",
        OrchestrationRuntimeStatus.Canceled => "Canceled",
        _ => Live,
    };

    /// <summary>The statuses an index class holds.</summary>
    public static IReadOnlyList<OrchestrationRuntimeStatus> StatusesOf(string indexClass) =>
        indexClass == Live ? LiveStatuses : [Enum.Parse<OrchestrationRuntimeStatus>(indexClass)];

    public static string NameKey(string name) => Keys.Escape(name.ToLowerInvariant());

    public static string NamePartition(string nameKey, string indexClass) => $"I|{nameKey}|{indexClass}";

    public static string TagPartition(string key, string value, string indexClass) => $"T|{Keys.Escape(key)}|{Keys.Escape(value)}|{indexClass}";

    /// <summary>The partition of the completion rows of one UTC day.</summary>
    public static string CompletionPartition(DateTimeOffset day) =>
        "C|" + day.UtcDateTime.ToString("yyyyMMdd", CultureInfo.InvariantCulture);

    /// <summary>The row key of a completion row: newest first, like the creation-time rows.</summary>
    public static string CompletionRowKey(DateTimeOffset completedAt, string instanceId) => Keys.IndexRowKey(completedAt, instanceId);

    /// <summary>
    /// The property that holds a tag's value on every index row. Tag keys are free text, so the property
    /// is named by a hash of the key (property names allow letters, digits and underscores only).
    /// </summary>
    public static string TagProperty(string key) => "Tag_" + Keys.Hash(key);

    /// <summary>The time a creation- or completion-time row key stands for.</summary>
    public static DateTimeOffset TimeOfRowKey(string rowKey) =>
        new(DateTimeOffset.MaxValue.UtcTicks - long.Parse(rowKey.AsSpan(0, 19), NumberStyles.None, CultureInfo.InvariantCulture), TimeSpan.Zero);

    public static IEnumerable<string> PartitionsOf(string name, IReadOnlyDictionary<string, string> tags, string indexClass)
    {
        yield return NamePartition(NameKey(name), indexClass);
        foreach (var (key, value) in tags)
        {
            yield return TagPartition(key, value, indexClass);
        }
    }

    /// <summary>
    /// Writes (replaces) the index rows of an instance in its class, and its completion row when it has
    /// finished. Idempotent, so a repair can simply write again.
    /// </summary>
    public async Task WriteAsync(IndexEntry entry, CancellationToken cancellationToken)
    {
        var writes = PartitionsOf(entry.Name, entry.Tags, entry.IndexClass)
            .Select(pk => (Task)table.UpsertEntityAsync(Row(pk, entry.IndexKey, entry), TableUpdateMode.Replace, cancellationToken))
            .ToList();
        if (entry.CompletedAt is { } completedAt)
        {
            var row = Row(CompletionPartition(completedAt), CompletionRowKey(completedAt, entry.InstanceId), entry);
            writes.Add(table.UpsertEntityAsync(row, TableUpdateMode.Replace, cancellationToken));
        }

        var nameKey = NameKey(entry.Name);
        if (!_knownNames.ContainsKey(nameKey))
        {
            writes.Add(RegisterNameAsync(nameKey, entry.Name, cancellationToken));
        }

        await Task.WhenAll(writes).ConfigureAwait(false);
    }

    /// <summary>Deletes the index rows of an instance in one class (missing rows are fine).</summary>
    public Task DeleteAsync(string name, IReadOnlyDictionary<string, string> tags, string indexClass, string rowKey, CancellationToken cancellationToken) =>
        Task.WhenAll(PartitionsOf(name, tags, indexClass).Select(pk => table.DeleteEntityAsync(pk, rowKey, ETag.All, cancellationToken)));

    /// <summary>Deletes the completion row of an instance that finished at <paramref name="completedAt"/> (a missing row is fine).</summary>
    public Task DeleteCompletionAsync(string instanceId, DateTimeOffset completedAt, CancellationToken cancellationToken) =>
        table.DeleteEntityAsync(CompletionPartition(completedAt), CompletionRowKey(completedAt, instanceId), ETag.All, cancellationToken);

    /// <summary>Whether an index row says what the entry says (status and format); false means it must be written again.</summary>
    public static bool IsCurrent(TableEntity row, OrchestrationRuntimeStatus status) =>
        row.GetString(StatusProperty) == status.ToString() && row.GetString(NameKeyProperty) is not null;

    /// <summary>Every orchestration name that has (or had) instances, as index keys.</summary>
    public async Task<List<string>> ListNameKeysAsync(CancellationToken cancellationToken)
    {
        var names = new List<string>();
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {NamesPartition}");
        await foreach (var row in table.QueryAsync<TableEntity>(filter, select: ["RowKey"], cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            names.Add(row.RowKey);
        }

        return names;
    }

    private static TableEntity Row(string partition, string rowKey, IndexEntry entry)
    {
        var row = new TableEntity(partition, rowKey)
        {
            [InstanceIdProperty] = entry.InstanceId,
            [NameProperty] = entry.Name,
            [NameKeyProperty] = NameKey(entry.Name),
            [StatusProperty] = entry.Status.ToString(),
        };
        foreach (var (key, value) in entry.Tags)
        {
            row[TagProperty(key)] = value;
        }

        return row;
    }

    private async Task RegisterNameAsync(string nameKey, string name, CancellationToken cancellationToken)
    {
        await table.UpsertEntityAsync(new TableEntity(NamesPartition, nameKey) { ["Name"] = name }, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
        _knownNames[nameKey] = true;
    }
}
