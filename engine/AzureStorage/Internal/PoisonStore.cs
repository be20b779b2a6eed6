using Azure.Data.Tables;

namespace Workflows.Engine.AzureStorage.Internal;

/// <summary>Sets poison messages aside in the poison table, with the reason, so operators can inspect and replay them.</summary>
internal static class PoisonStore
{
    public static async Task SetAsideAsync(BackendContext context, string source, string messageId, string? body, string? instanceId, string reason, CancellationToken cancellationToken)
    {
        var now = context.Time.GetUtcNow();
        var entity = new TableEntity(Keys.Escape(source), $"{Keys.InvertedTicks(now)}|{Keys.Hash(messageId)}")
        {
            ["InstanceId"] = instanceId,
            ["MessageId"] = messageId,
            ["Reason"] = reason,
            ["SetAsideAt"] = now,
            ["Body"] = body is { Length: > PayloadStore.MaxInlineChars } ? body[..PayloadStore.MaxInlineChars] : body,
        };
        await context.Clients.Poison.UpsertEntityAsync(entity, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
    }
}
