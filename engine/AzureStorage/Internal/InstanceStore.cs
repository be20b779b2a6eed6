using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using Workflows.Engine.History;

namespace Workflows.Engine.AzureStorage.Internal;

/// <summary>Reads and writes instance partitions (state row + history rows) of the instances table.</summary>
internal sealed class InstanceStore(TableClient table, PayloadStore payloads, JsonSerializerOptions json)
{
    public TableClient Table => table;

    public PayloadStore Payloads => payloads;

    public JsonSerializerOptions Json => json;

    /// <summary>Reads the state row only (one point read). An instance being purged reads as absent.</summary>
    public async Task<(TableEntity? Entity, OrchestrationState? State)> ReadStateAsync(string instanceId, bool includePayloads, CancellationToken cancellationToken)
    {
        var entity = await ReadStateRowAsync(instanceId, cancellationToken).ConfigureAwait(false);
        if (entity is null || StateRows.IsPurging(entity))
        {
            return (null, null);
        }

        return (entity, await StateRows.ToStateAsync(entity, includePayloads, payloads, json, cancellationToken).ConfigureAwait(false));
    }

    /// <summary>
    /// Reads what the state row says without any blob (status, name, tags, times): one point read, for
    /// purges and index repairs that never look at payloads. An instance being purged reads as absent.
    /// </summary>
    public async Task<(TableEntity? Entity, OrchestrationState? Summary)> ReadSummaryAsync(string instanceId, CancellationToken cancellationToken)
    {
        var entity = await ReadStateRowAsync(instanceId, cancellationToken).ConfigureAwait(false);
        return entity is null || StateRows.IsPurging(entity) ? (null, null) : (entity, StateRows.ToSummary(entity, json));
    }

    /// <summary>Reads the raw state row, a purge's tombstone included (one point read).</summary>
    public async Task<TableEntity?> ReadStateRowAsync(string instanceId, CancellationToken cancellationToken)
    {
        var response = await table.GetEntityIfExistsAsync<TableEntity>(instanceId, Keys.StateRowKey, cancellationToken: cancellationToken).ConfigureAwait(false);
        return response.HasValue ? response.Value : null;
    }

    /// <summary>Reads the whole partition in one query: state row, ETag and the current execution's history.</summary>
    public async Task<InstanceSnapshot> LoadAsync(string instanceId, CancellationToken cancellationToken)
    {
        for (var attempt = 0; ; attempt++)
        {
            var rows = new List<TableEntity>();
            var filter = TableClient.CreateQueryFilter($"PartitionKey eq {instanceId}");
            await foreach (var row in table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken).ConfigureAwait(false))
            {
                rows.Add(row);
            }

            var stateRow = rows.FirstOrDefault(r => r.RowKey == Keys.StateRowKey);
            if (stateRow is not null && StateRows.IsPurging(stateRow))
            {
                // Being purged: gone for the engine. Its rows belong to the purge, not to a new instance.
                return InstanceSnapshot.Missing;
            }

            if (stateRow is null)
            {
                return new InstanceSnapshot
                {
                    Entity = null,
                    State = null,
                    History = [],
                    StaleRowKeys = [.. rows.Select(r => r.RowKey)],
                };
            }

            var state = await StateRows.ToStateAsync(stateRow, true, payloads, json, cancellationToken).ConfigureAwait(false);
            var prefix = Keys.HistoryRowPrefix(state.ExecutionId);
            var current = rows.Where(r => r.RowKey.StartsWith(prefix, StringComparison.Ordinal)).OrderBy(r => r.RowKey, StringComparer.Ordinal).ToList();
            var history = new List<HistoryEvent>();
            foreach (var row in current)
            {
                history.AddRange(await HistoryRows.ReadAsync(row, payloads, json, cancellationToken).ConfigureAwait(false));
            }

            if (history.Count < state.HistoryLength && attempt < 3)
            {
                // A checkpoint landed between pages of the query: read again.
                continue;
            }

            if (history.Count > state.HistoryLength)
            {
                history.RemoveRange(state.HistoryLength, history.Count - state.HistoryLength);
            }

            return new InstanceSnapshot
            {
                Entity = stateRow,
                State = state,
                ETag = stateRow.ETag,
                History = history,
                HistoryRows = stateRow.GetInt32(StateRows.HistoryRows) ?? current.Count,
                StaleRowKeys = [.. rows.Where(r => r.RowKey != Keys.StateRowKey && !r.RowKey.StartsWith(prefix, StringComparison.Ordinal)).Select(r => r.RowKey)],
                PendingTimers = StateRows.ReadPendingTimers(stateRow, json),
                IndexClass = stateRow.GetString(StateRows.IndexClass),
                IndexKey = stateRow.GetString(StateRows.IndexKey),
                IndexFormat = stateRow.GetInt32(StateRows.IndexFormat) ?? 0,
            };
        }
    }

    /// <summary>
    /// Submits one entity group transaction whose last action replaces the state row under the given
    /// ETag (or inserts it when <paramref name="etag"/> is null). Returns the new ETag, or null when
    /// the service did not report one. Throws <see cref="Backend.WorkItemLostException"/> when the guard fails.
    /// </summary>
    public async Task<ETag?> CommitAsync(TableEntity stateRow, ETag? etag, IReadOnlyList<TableTransactionAction> otherActions, CancellationToken cancellationToken)
    {
        var actions = new List<TableTransactionAction>(otherActions);
        actions.Add(etag is { } guard
            ? new TableTransactionAction(TableTransactionActionType.UpdateReplace, stateRow, guard)
            : new TableTransactionAction(TableTransactionActionType.Add, stateRow));
        try
        {
            var response = await table.SubmitTransactionAsync(actions, cancellationToken).ConfigureAwait(false);
            var last = response.Value[^1];
            return last.Headers.ETag;
        }
        catch (TableTransactionFailedException ex) when (ex.Status is 409 or 412 or 404)
        {
            throw new Backend.WorkItemLostException($"Instance '{stateRow.PartitionKey}' changed since its work item was locked.", ex);
        }
    }

    /// <summary>Deletes rows of a partition in batches of 100 (best effort; missing rows are fine).</summary>
    public async Task DeleteRowsAsync(string instanceId, IReadOnlyList<string> rowKeys, CancellationToken cancellationToken)
    {
        foreach (var chunk in rowKeys.Chunk(100))
        {
            try
            {
                await table.SubmitTransactionAsync(
                    chunk.Select(rk => new TableTransactionAction(TableTransactionActionType.Delete, new TableEntity(instanceId, rk), ETag.All)),
                    cancellationToken).ConfigureAwait(false);
            }
            catch (TableTransactionFailedException)
            {
                // One row was already gone: delete the rest one by one.
                foreach (var rk in chunk)
                {
                    await table.DeleteEntityAsync(instanceId, rk, ETag.All, cancellationToken).ConfigureAwait(false);
                }
            }
        }
    }

    /// <summary>Lists every row key of an instance's partition.</summary>
    public async Task<List<string>> ListRowKeysAsync(string instanceId, CancellationToken cancellationToken)
    {
        var keys = new List<string>();
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {instanceId}");
        await foreach (var row in table.QueryAsync<TableEntity>(filter, select: ["RowKey"], cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            keys.Add(row.RowKey);
        }

        return keys;
    }
}
