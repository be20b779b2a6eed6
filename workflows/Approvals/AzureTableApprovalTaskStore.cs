using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using Azure;
using Azure.Data.Tables;
using Microsoft.Extensions.Options;
using Workflows.Storage;

namespace Workflows.Approvals;

/// <summary>
/// Task rows on Azure Tables. <c>{prefix}Tasks</c> holds one row per task (partition = task id), the
/// source of truth, replaced under its ETag. <c>{prefix}TaskIndex</c> holds copies keyed for each query:
/// <c>p|person</c> (open tasks of an assignee or delegate), <c>i|instance</c>, <c>c|case</c>, <c>open</c>
/// (row key = due time, for overdue and due-range queries) and <c>count</c> rows per workflow and status.
/// Index rows follow the main row (eventually consistent for a moment after a change).
/// </summary>
public sealed class AzureTableApprovalTaskStore : IApprovalTaskStore, IStoreInitializer
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };
    private readonly TableClient _tasks;
    private readonly TableClient _index;

    public AzureTableApprovalTaskStore(TableServiceClient service, IOptions<WorkflowStorageOptions> options)
    {
        ArgumentNullException.ThrowIfNull(service);
        ArgumentNullException.ThrowIfNull(options);
        _tasks = service.GetTableClient(options.Value.TableName("Tasks"));
        _index = service.GetTableClient(options.Value.TableName("TaskIndex"));
    }

    public async Task InitializeAsync(CancellationToken cancellationToken = default)
    {
        await _tasks.CreateIfNotExistsAsync(cancellationToken).ConfigureAwait(false);
        await _index.CreateIfNotExistsAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task<bool> CreateAsync(ApprovalTask task, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(task);
        try
        {
            await _tasks.AddEntityAsync(ToEntity(task), cancellationToken).ConfigureAwait(false);
        }
        catch (RequestFailedException ex) when (ex.Status == 409)
        {
            // Idempotent creation: make sure its index rows exist (a previous attempt may have stopped half-way).
            if (await GetAsync(task.TaskId, cancellationToken).ConfigureAwait(false) is { } existing)
            {
                await WriteIndexAsync(null, existing, cancellationToken).ConfigureAwait(false);
            }

            return false;
        }

        await WriteIndexAsync(null, task, cancellationToken).ConfigureAwait(false);
        return true;
    }

    public async Task<ApprovalTask?> GetAsync(string taskId, CancellationToken cancellationToken = default)
    {
        var response = await _tasks.GetEntityIfExistsAsync<TableEntity>(TableKeys.Escape(taskId), "task", cancellationToken: cancellationToken).ConfigureAwait(false);
        return response.HasValue ? FromEntity(response.Value!) : null;
    }

    public async Task<bool> TryReplaceAsync(ApprovalTask task, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(task);
        var before = await GetAsync(task.TaskId, cancellationToken).ConfigureAwait(false);
        if (before is null || before.ETag != task.ETag)
        {
            return false;
        }

        try
        {
            await _tasks.UpdateEntityAsync(ToEntity(task), new ETag(task.ETag!), TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
        }
        catch (RequestFailedException ex) when (ex.Status is 412 or 404)
        {
            return false;
        }

        await WriteIndexAsync(before, task, cancellationToken).ConfigureAwait(false);
        return true;
    }

    public Task<IReadOnlyList<ApprovalTask>> ListOpenForPersonAsync(string personId, CancellationToken cancellationToken = default) =>
        ListPartitionAsync("p|" + TableKeys.Escape(personId), t => t.IsOpen, cancellationToken);

    public Task<IReadOnlyList<ApprovalTask>> ListByInstanceAsync(string instanceId, CancellationToken cancellationToken = default) =>
        ListPartitionAsync("i|" + TableKeys.Escape(instanceId), _ => true, cancellationToken);

    public Task<IReadOnlyList<ApprovalTask>> ListByCaseAsync(string caseId, CancellationToken cancellationToken = default) =>
        ListPartitionAsync("c|" + TableKeys.Escape(caseId), _ => true, cancellationToken);

    public Task<IReadOnlyList<ApprovalTask>> ListOverdueAsync(DateTimeOffset now, CancellationToken cancellationToken = default) =>
        ListOpenRangeAsync(DateTimeOffset.MinValue, now, cancellationToken);

    public Task<IReadOnlyList<ApprovalTask>> ListDueBetweenAsync(DateTimeOffset dueFrom, DateTimeOffset dueBefore, CancellationToken cancellationToken = default) =>
        ListOpenRangeAsync(dueFrom, dueBefore, cancellationToken);

    public async Task<IReadOnlyList<TaskCount>> CountByWorkflowAndStatusAsync(CancellationToken cancellationToken = default)
    {
        var counts = new List<TaskCount>();
        await foreach (var e in _index.QueryAsync<TableEntity>(e => e.PartitionKey == "count", cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            var parts = e.RowKey.Split('|');
            var count = e.GetInt32("Count") ?? 0;
            if (count > 0)
            {
                counts.Add(new TaskCount(parts[0], Enum.Parse<ApprovalTaskStatus>(parts[1]), count));
            }
        }

        return counts.OrderBy(c => c.Workflow, StringComparer.Ordinal).ThenBy(c => c.Status).ToList();
    }

    private async Task<IReadOnlyList<ApprovalTask>> ListOpenRangeAsync(DateTimeOffset dueFrom, DateTimeOffset dueBefore, CancellationToken cancellationToken)
    {
        var low = DueKey(dueFrom);
        var high = DueKey(dueBefore);
        var result = new List<ApprovalTask>();
        await foreach (var e in _index.QueryAsync<TableEntity>(
            e => e.PartitionKey == "open" && e.RowKey.CompareTo(low) >= 0 && e.RowKey.CompareTo(high) < 0, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            var task = FromIndex(e);
            if (task.IsOpen)
            {
                result.Add(task);
            }
        }

        return result;
    }

    private async Task<IReadOnlyList<ApprovalTask>> ListPartitionAsync(string partition, Func<ApprovalTask, bool> filter, CancellationToken cancellationToken)
    {
        var result = new List<ApprovalTask>();
        await foreach (var e in _index.QueryAsync<TableEntity>(e => e.PartitionKey == partition, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            var task = FromIndex(e);
            if (filter(task))
            {
                result.Add(task);
            }
        }

        return result.OrderBy(t => t.Due).ThenBy(t => t.TaskId, StringComparer.Ordinal).ToList();
    }

    private async Task WriteIndexAsync(ApprovalTask? before, ApprovalTask after, CancellationToken cancellationToken)
    {
        var data = JsonSerializer.Serialize(after with { ETag = null }, Json);
        var newKeys = IndexKeys(after).ToHashSet();
        if (before is not null)
        {
            foreach (var stale in IndexKeys(before).Where(k => !newKeys.Contains(k)))
            {
                await _index.DeleteEntityAsync(stale.Partition, stale.Row, ETag.All, cancellationToken).ConfigureAwait(false);
            }
        }

        foreach (var (partition, row) in newKeys)
        {
            await _index.UpsertEntityAsync(new TableEntity(partition, row) { ["Data"] = data }, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
        }

        if (before is null || before.Status != after.Status)
        {
            if (before is not null)
            {
                await AddToCountAsync(before.Workflow, before.Status, -1, cancellationToken).ConfigureAwait(false);
            }

            await AddToCountAsync(after.Workflow, after.Status, +1, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task AddToCountAsync(string workflow, ApprovalTaskStatus status, int delta, CancellationToken cancellationToken)
    {
        var row = $"{workflow}|{status}";
        while (true)
        {
            var existing = await _index.GetEntityIfExistsAsync<TableEntity>("count", row, cancellationToken: cancellationToken).ConfigureAwait(false);
            try
            {
                if (existing.HasValue)
                {
                    var entity = existing.Value!;
                    entity["Count"] = (entity.GetInt32("Count") ?? 0) + delta;
                    await _index.UpdateEntityAsync(entity, entity.ETag, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
                }
                else
                {
                    await _index.AddEntityAsync(new TableEntity("count", row) { ["Count"] = delta }, cancellationToken).ConfigureAwait(false);
                }

                return;
            }
            catch (RequestFailedException ex) when (ex.Status is 409 or 412)
            {
                // Another writer changed the counter: read it again.
            }
        }
    }

    private static IEnumerable<(string Partition, string Row)> IndexKeys(ApprovalTask task)
    {
        var row = TableKeys.Escape(task.TaskId);
        yield return ("i|" + TableKeys.Escape(task.InstanceId), row);
        yield return ("c|" + TableKeys.Escape(task.CaseId), row);
        if (task.IsOpen)
        {
            yield return ("open", DueKey(task.Due) + "|" + row);
            if (task.AssigneeId is { } assignee)
            {
                yield return ("p|" + TableKeys.Escape(assignee), row);
            }

            if (task.DelegateId is { } delegateId)
            {
                yield return ("p|" + TableKeys.Escape(delegateId), row);
            }
        }
    }

    private static string DueKey(DateTimeOffset due) => due.UtcTicks.ToString("D19", CultureInfo.InvariantCulture);

    private static TableEntity ToEntity(ApprovalTask task) => new(TableKeys.Escape(task.TaskId), "task")
    {
        ["Data"] = JsonSerializer.Serialize(task with { ETag = null }, Json),
        ["Workflow"] = task.Workflow,
        ["Status"] = task.Status.ToString(),
        ["Due"] = task.Due,
    };

    private static ApprovalTask FromEntity(TableEntity e) =>
        JsonSerializer.Deserialize<ApprovalTask>(e.GetString("Data"), Json)! with { ETag = e.ETag.ToString() };

    private static ApprovalTask FromIndex(TableEntity e) => JsonSerializer.Deserialize<ApprovalTask>(e.GetString("Data"), Json)!;
}
