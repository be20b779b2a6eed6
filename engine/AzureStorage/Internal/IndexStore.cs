using System.Collections.Concurrent;
using Azure;
using Azure.Data.Tables;

namespace Workflows.Engine.AzureStorage.Internal;

/// <summary>
/// Query index rows: for every instance, one row under <c>I|{name}|{class}</c> and one per tag under
/// <c>T|{key}|{value}|{class}</c>, keyed newest first. The class is "Live" for Pending, Running,
/// Suspended and ContinuedAsNew, or the terminal status, so rows move only when an instance finishes
/// (or is replaced). A registry row per orchestration name lets status-only queries find every name.
/// </summary>
internal sealed class IndexStore(TableClient table)
{
    public const string Live = "Live";
    public const string NamesPartition = "names";

    private readonly ConcurrentDictionary<string, bool> _knownNames = new(StringComparer.Ordinal);

    public TableClient Table => table;

    public static readonly string[] AllClasses = [Live, "Completed", "Failed", "Terminated", "Canceled"];

    public static string ClassOf(OrchestrationRuntimeStatus status) => status switch
    {
        OrchestrationRuntimeStatus.Completed => "Completed",
        OrchestrationRuntimeStatus.Failed => "Failed",
        OrchestrationRuntimeStatus.Terminated => "Terminated",
        OrchestrationRuntimeStatus.Canceled => "Canceled",
        _ => Live,
    };

    public static string NameKey(string name) => Keys.Escape(name.ToLowerInvariant());

    public static string NamePartition(string nameKey, string indexClass) => $"I|{nameKey}|{indexClass}";

    public static string TagPartition(string key, string value, string indexClass) => $"T|{Keys.Escape(key)}|{Keys.Escape(value)}|{indexClass}";

    public static IEnumerable<string> PartitionsOf(string name, IReadOnlyDictionary<string, string> tags, string indexClass)
    {
        yield return NamePartition(NameKey(name), indexClass);
        foreach (var (key, value) in tags)
        {
            yield return TagPartition(key, value, indexClass);
        }
    }

    /// <summary>Writes the index rows of an instance (idempotent).</summary>
    public async Task WriteAsync(string instanceId, string name, IReadOnlyDictionary<string, string> tags, string indexClass, string rowKey, CancellationToken cancellationToken)
    {
        var writes = PartitionsOf(name, tags, indexClass)
            .Select(pk => (Task)table.UpsertEntityAsync(new TableEntity(pk, rowKey) { ["InstanceId"] = instanceId }, TableUpdateMode.Replace, cancellationToken))
            .ToList();
        var nameKey = NameKey(name);
        if (!_knownNames.ContainsKey(nameKey))
        {
            writes.Add(RegisterNameAsync(nameKey, name, cancellationToken));
        }

        await Task.WhenAll(writes).ConfigureAwait(false);
    }

    /// <summary>Deletes the index rows of an instance (missing rows are fine).</summary>
    public Task DeleteAsync(string name, IReadOnlyDictionary<string, string> tags, string indexClass, string rowKey, CancellationToken cancellationToken) =>
        Task.WhenAll(PartitionsOf(name, tags, indexClass).Select(pk => table.DeleteEntityAsync(pk, rowKey, ETag.All, cancellationToken)));

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

    private async Task RegisterNameAsync(string nameKey, string name, CancellationToken cancellationToken)
    {
        await table.UpsertEntityAsync(new TableEntity(NamesPartition, nameKey) { ["Name"] = name }, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
        _knownNames[nameKey] = true;
    }
}
