namespace Workflows.Functions.Notifications.Outbox;

/// <summary>
/// One stored notification in the development outbox: an email (subject, plain text, HTML) or a Teams
/// card (its JSON), with the links it carries so scripts and people can follow them.
/// </summary>
public sealed record OutboxMessage
{
    /// <summary>The outbox id (sorts newest first).</summary>
    public required string Id { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }

    /// <summary><c>Email</c> or <c>Teams</c>.</summary>
    public required string Channel { get; init; }

    public required string Kind { get; init; }

    public required string RecipientId { get; init; }

    /// <summary>The email address; null for a Teams card or a recipient without one.</summary>
    public string? RecipientAddress { get; init; }

    public required string Language { get; init; }

    public required string CaseId { get; init; }

    public required string CaseReference { get; init; }

    public string? TaskId { get; init; }

    public required string Subject { get; init; }

    /// <summary>The plain-text body (for a card: its text).</summary>
    public required string Body { get; init; }

    public string? Html { get; init; }

    /// <summary>The Adaptive Card JSON, for a Teams card.</summary>
    public string? Card { get; init; }

    public IReadOnlyList<NotificationLink> Links { get; init; } = [];

    /// <summary>The notification's idempotency key (with the channel).</summary>
    public required string Key { get; init; }
}
