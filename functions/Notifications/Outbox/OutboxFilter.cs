namespace Workflows.Functions.Notifications.Outbox;

internal static class OutboxFilter
{
    public static bool Matches(OutboxMessage message, OutboxQuery query) =>
        (query.RecipientId is null || message.RecipientId == query.RecipientId)
        && (query.CaseId is null || message.CaseId == query.CaseId)
        && (query.TaskId is null || message.TaskId == query.TaskId)
        && (query.Channel is null || string.Equals(message.Channel, query.Channel, StringComparison.OrdinalIgnoreCase));

    /// <summary>A new outbox id: newest first, then unique.</summary>
    public static string NewId(DateTimeOffset at) => Delivery.TableKey.NewestFirst(at) + "-" + Guid.NewGuid().ToString("N")[..12];
}
