namespace Workflows.Functions.Notifications.Outbox;

/// <summary>Filters of <c>GET /dev/outbox</c>.</summary>
public sealed record OutboxQuery(string? RecipientId = null, string? CaseId = null, string? TaskId = null, string? Channel = null, int Top = 100);
