using System.Text.Json;
using Azure.Data.Tables;
using Microsoft.Extensions.Options;
using Workflows.Storage;

namespace Workflows.Functions.Notifications.Outbox;

/// <summary>
/// The outbox on Azure Tables: table <c>{prefix}Outbox</c>, partition <c>outbox</c>, row key = the id
/// (newest first). Development data: filters other than the id read the partition in order.
/// </summary>
public sealed class AzureTableOutboxStore(TableServiceClient service, IOptions<WorkflowStorageOptions> options)
    : AzureTableStore(service, options, "Outbox"), IOutboxStore
{
    private const string Partition = "outbox";
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);


    public async Task AddAsync(OutboxMessage message, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        var row = new TableEntity(Partition, message.Id)
        {
            ["CreatedAt"] = message.CreatedAt,
            ["Channel"] = message.Channel,
            ["Kind"] = message.Kind,
            ["RecipientId"] = message.RecipientId,
            ["RecipientAddress"] = message.RecipientAddress,
            ["Language"] = message.Language,
            ["CaseId"] = message.CaseId,
            ["CaseReference"] = message.CaseReference,
            ["TaskId"] = message.TaskId,
            ["Subject"] = message.Subject,
            ["Body"] = message.Body,
            ["Html"] = message.Html,
            ["Card"] = message.Card,
            ["Links"] = JsonSerializer.Serialize(message.Links, Json),
            ["Key"] = message.Key,
        };
        await Table.UpsertEntityAsync(row, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<OutboxMessage>> ListAsync(OutboxQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        var result = new List<OutboxMessage>();
        await foreach (var row in Table.QueryAsync<TableEntity>(e => e.PartitionKey == Partition, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            var message = FromRow(row);
            if (OutboxFilter.Matches(message, query))
            {
                result.Add(message);
                if (result.Count >= query.Top)
                {
                    break;
                }
            }
        }

        return result;
    }

    public async Task<OutboxMessage?> GetAsync(string id, CancellationToken cancellationToken = default)
    {
        var row = await Table.GetEntityIfExistsAsync<TableEntity>(Partition, id, cancellationToken: cancellationToken).ConfigureAwait(false);
        return row.HasValue ? FromRow(row.Value!) : null;
    }

    private static OutboxMessage FromRow(TableEntity row) => new()
    {
        Id = row.RowKey,
        CreatedAt = row.GetDateTimeOffset("CreatedAt") ?? default,
        Channel = row.GetString("Channel"),
        Kind = row.GetString("Kind"),
        RecipientId = row.GetString("RecipientId"),
        RecipientAddress = row.GetString("RecipientAddress"),
        Language = row.GetString("Language"),
        CaseId = row.GetString("CaseId"),
        CaseReference = row.GetString("CaseReference"),
        TaskId = row.GetString("TaskId"),
        Subject = row.GetString("Subject"),
        Body = row.GetString("Body"),
        Html = row.GetString("Html"),
        Card = row.GetString("Card"),
        Links = JsonSerializer.Deserialize<List<NotificationLink>>(row.GetString("Links") ?? "[]", Json) ?? [],
        Key = row.GetString("Key"),
    };
}
