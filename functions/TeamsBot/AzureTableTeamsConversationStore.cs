using System.Text.Json;
using Azure.Data.Tables;
using Microsoft.Extensions.Options;
using Workflows.Functions.Notifications.Delivery;
using Workflows.Storage;

namespace Workflows.Functions.Teams;

/// <summary>
/// Conversation references on Azure Tables: table <c>{prefix}TeamsConversations</c>, one row in partition
/// <c>person</c> (row key = person id) and one in partition <c>aad</c> (row key = Entra object id).
/// </summary>
public sealed class AzureTableTeamsConversationStore(TableServiceClient service, IOptions<WorkflowStorageOptions> options)
    : AzureTableStore(service, options, "TeamsConversations"), ITeamsConversationStore
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);


    public Task<TeamsConversation?> FindByPersonAsync(string personId, CancellationToken cancellationToken = default) =>
        ReadAsync("person", TableKey.Safe(personId), cancellationToken);

    public Task<TeamsConversation?> FindByAadObjectIdAsync(string aadObjectId, CancellationToken cancellationToken = default) =>
        ReadAsync("aad", TableKey.Safe(aadObjectId.ToLowerInvariant()), cancellationToken);

    public async Task SaveAsync(TeamsConversation conversation, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(conversation);
        var existing = await FindByPersonAsync(conversation.PersonId, cancellationToken).ConfigureAwait(false);
        var merged = existing is null ? conversation : InMemoryTeamsConversationStore.Merge(existing, conversation);
        var payload = JsonSerializer.Serialize(merged, Json);
        if (merged.AadObjectId is { } aad)
        {
            await Table.UpsertEntityAsync(new TableEntity("aad", TableKey.Safe(aad.ToLowerInvariant())) { ["Conversation"] = payload }, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
        }

        await Table.UpsertEntityAsync(new TableEntity("person", TableKey.Safe(merged.PersonId)) { ["Conversation"] = payload }, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
    }

    private async Task<TeamsConversation?> ReadAsync(string partition, string rowKey, CancellationToken cancellationToken)
    {
        var row = await Table.GetEntityIfExistsAsync<TableEntity>(partition, rowKey, cancellationToken: cancellationToken).ConfigureAwait(false);
        return row.HasValue ? JsonSerializer.Deserialize<TeamsConversation>(row.Value!.GetString("Conversation"), Json) : null;
    }
}
