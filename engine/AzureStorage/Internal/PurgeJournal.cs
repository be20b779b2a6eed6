using Azure;
using Azure.Data.Tables;

namespace Workflows.Engine.AzureStorage.Internal;

/// <summary>
/// The purges under way: one row per instance in the <c>purging</c> partition of the index table,
/// written before the instance's state row becomes a tombstone and deleted after the state row is
/// gone. A purge cut short by a crash leaves its row here, so the next purge by filter or the index
/// repair can find the tombstone and finish the job without scanning every instance.
/// </summary>
internal sealed class PurgeJournal(TableClient table)
{
    public const string Partition = "purging";
    private const string StartedAt = "StartedAt";

    /// <summary>Notes that a purge of the instance starts now.</summary>
    public Task AddAsync(string instanceId, DateTimeOffset now, CancellationToken cancellationToken) =>
        table.UpsertEntityAsync(
            new TableEntity(Partition, Keys.Escape(instanceId)) { [IndexStore.InstanceIdProperty] = instanceId, [StartedAt] = now },
            TableUpdateMode.Replace,
            cancellationToken);

    /// <summary>Forgets the purge of the instance (a missing row is fine).</summary>
    public Task RemoveAsync(string instanceId, CancellationToken cancellationToken) =>
        table.DeleteEntityAsync(Partition, Keys.Escape(instanceId), ETag.All, cancellationToken);

    /// <summary>The oldest purges noted (at most <paramref name="max"/>): instance id and when each started.</summary>
    public async Task<List<(string InstanceId, DateTimeOffset StartedAt)>> ListAsync(int max, CancellationToken cancellationToken)
    {
        var entries = new List<(string, DateTimeOffset)>();
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {Partition}");
        await foreach (var row in table.QueryAsync<TableEntity>(filter, maxPerPage: max, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            if (row.GetString(IndexStore.InstanceIdProperty) is { } instanceId)
            {
                entries.Add((instanceId, row.GetDateTimeOffset(StartedAt) ?? DateTimeOffset.MinValue));
            }

            if (entries.Count == max)
            {
                break;
            }
        }

        return entries;
    }
}
