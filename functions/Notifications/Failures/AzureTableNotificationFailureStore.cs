using System.Text.Json;
using System.Text.Json.Serialization;
using Azure.Data.Tables;
using Microsoft.Extensions.Options;
using Workflows.Functions.Notifications.Delivery;
using Workflows.Storage;

namespace Workflows.Functions.Notifications.Failures;

/// <summary>
/// Failures on Azure Tables: table <c>{prefix}NotificationFailures</c> with one row per index —
/// partition <c>c|{caseId}</c>, <c>t|{taskId}</c> (row key = hash of the notification key) and
/// <c>recent</c> (row key sorts newest first) — so every dashboard query reads one partition.
/// </summary>
public sealed class AzureTableNotificationFailureStore(TableServiceClient service, IOptions<WorkflowStorageOptions> options)
    : AzureTableStore(service, options, "NotificationFailures"), INotificationFailureStore
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };


    public async Task RecordAsync(NotificationFailure failure, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(failure);
        var hash = TableKey.Hash(failure.Key);
        if ((await Table.GetEntityIfExistsAsync<TableEntity>("c|" + TableKey.Safe(failure.CaseId), hash, cancellationToken: cancellationToken).ConfigureAwait(false)).HasValue)
        {
            return;
        }

        var payload = JsonSerializer.Serialize(failure, Json);
        await Table.UpsertEntityAsync(Row("recent", TableKey.NewestFirst(failure.At) + "|" + hash, payload), TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
        if (failure.TaskId is { } taskId)
        {
            await Table.UpsertEntityAsync(Row("t|" + TableKey.Safe(taskId), hash, payload), TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
        }

        // The case row last: its presence means every index row exists.
        await Table.UpsertEntityAsync(Row("c|" + TableKey.Safe(failure.CaseId), hash, payload), TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
    }

    public Task<IReadOnlyList<NotificationFailure>> ListForCaseAsync(string caseId, CancellationToken cancellationToken = default) =>
        ReadAsync("c|" + TableKey.Safe(caseId), int.MaxValue, cancellationToken);

    public Task<IReadOnlyList<NotificationFailure>> ListForTaskAsync(string taskId, CancellationToken cancellationToken = default) =>
        ReadAsync("t|" + TableKey.Safe(taskId), int.MaxValue, cancellationToken);

    public Task<IReadOnlyList<NotificationFailure>> ListRecentAsync(int top = 50, CancellationToken cancellationToken = default) =>
        ReadAsync("recent", top, cancellationToken);

    private async Task<IReadOnlyList<NotificationFailure>> ReadAsync(string partition, int top, CancellationToken cancellationToken)
    {
        var result = new List<NotificationFailure>();
        await foreach (var row in Table.QueryAsync<TableEntity>(e => e.PartitionKey == partition, maxPerPage: Math.Min(top, 1000), cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            result.Add(JsonSerializer.Deserialize<NotificationFailure>(row.GetString("Failure"), Json)!);
            if (result.Count >= top)
            {
                break;
            }
        }

        return result.OrderByDescending(f => f.At).ToList();
    }

    private static TableEntity Row(string partition, string rowKey, string payload) => new(partition, rowKey) { ["Failure"] = payload };
}
