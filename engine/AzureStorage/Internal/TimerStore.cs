using Azure;
using Azure.Data.Tables;
using Workflows.Engine.Backend;

namespace Workflows.Engine.AzureStorage.Internal;

/// <summary>
/// Durable timers and every other message that must wait for a time (scheduled starts, long
/// retries): rows in the timers table, partitioned like the control queues and keyed by due time, so
/// that finding what is due is one range query per partition and nothing sits invisible in a queue.
/// </summary>
internal sealed class TimerStore(TableClient table, MessageCodec codec)
{
    /// <summary>The row property counting how often the row was delivered without being consumed.</summary>
    public const string Deliveries = "Deliveries";

    public TableClient Table => table;

    /// <summary>Writes a timer row; <paramref name="priorDeliveries"/> carries the count of a message given back to wait here.</summary>
    public async Task<string> AddAsync(int partition, OrchestrationMessage message, DateTimeOffset due, int priorDeliveries, CancellationToken cancellationToken)
    {
        var rowKey = Keys.TimerRowKey(due, message.MessageId);
        var body = await codec.EncodeAsync(message, priorDeliveries, cancellationToken).ConfigureAwait(false);
        var entity = new TableEntity(Keys.PartitionKey(partition), rowKey)
        {
            ["InstanceId"] = message.InstanceId,
            ["Due"] = due,
            ["Body"] = body,
        };
        await table.UpsertEntityAsync(entity, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
        return rowKey;
    }

    /// <summary>Writes several timers of one partition in one batch.</summary>
    public async Task<List<string>> AddManyAsync(int partition, IReadOnlyList<(OrchestrationMessage Message, DateTimeOffset Due)> timers, CancellationToken cancellationToken)
    {
        if (timers.Count == 1)
        {
            return [await AddAsync(partition, timers[0].Message, timers[0].Due, 0, cancellationToken).ConfigureAwait(false)];
        }

        var keys = new List<string>();
        var actions = new List<TableTransactionAction>();
        foreach (var (message, due) in timers)
        {
            var rowKey = Keys.TimerRowKey(due, message.MessageId);
            if (keys.Contains(rowKey))
            {
                continue;
            }

            keys.Add(rowKey);
            var body = await codec.EncodeAsync(message, cancellationToken).ConfigureAwait(false);
            actions.Add(new TableTransactionAction(TableTransactionActionType.UpsertReplace, new TableEntity(Keys.PartitionKey(partition), rowKey)
            {
                ["InstanceId"] = message.InstanceId,
                ["Due"] = due,
                ["Body"] = body,
            }));
        }

        foreach (var chunk in actions.Chunk(100))
        {
            await table.SubmitTransactionAsync(chunk, cancellationToken).ConfigureAwait(false);
        }

        return keys;
    }

    /// <summary>The timers of a partition due at <paramref name="now"/>, earliest first.</summary>
    public async Task<List<TableEntity>> DueAsync(int partition, DateTimeOffset now, int max, CancellationToken cancellationToken)
    {
        var pk = Keys.PartitionKey(partition);
        var upper = Keys.TimerUpperBound(now);
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {pk} and RowKey lt {upper}");
        var due = new List<TableEntity>();
        await foreach (var row in table.QueryAsync<TableEntity>(filter, maxPerPage: max, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            due.Add(row);
            if (due.Count >= max)
            {
                break;
            }
        }

        return due;
    }

    /// <summary>
    /// Records one more delivery of a due row, guarded by the row's ETag. False when the row is gone
    /// or changed since it was read (another host delivered or deleted it).
    /// </summary>
    public async Task<bool> CountDeliveryAsync(TableEntity row, int deliveries, CancellationToken cancellationToken)
    {
        var patch = new TableEntity(row.PartitionKey, row.RowKey) { [Deliveries] = deliveries };
        try
        {
            var response = await table.UpdateEntityAsync(patch, row.ETag, TableUpdateMode.Merge, cancellationToken).ConfigureAwait(false);
            row.ETag = response.Headers.ETag ?? row.ETag;
            return true;
        }
        catch (RequestFailedException ex) when (ex.Status is 404 or 412)
        {
            return false;
        }
    }

    /// <summary>Deletes a timer row; a row that is already gone is fine (timers are deleted at least once).</summary>
    public async Task DeleteAsync(int partition, string rowKey, CancellationToken cancellationToken)
    {
        try
        {
            await table.DeleteEntityAsync(Keys.PartitionKey(partition), rowKey, ETag.All, cancellationToken).ConfigureAwait(false);
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            // Already deleted (fired and consumed, or deleted by an earlier clean-up).
        }
    }
}
