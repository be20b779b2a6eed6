namespace Workflows.Functions.Notifications.Email;

/// <summary>An email ready to send: HTML with its plain-text alternative, and the links it carries.</summary>
public sealed record EmailMessage
{
    public required string ToAddress { get; init; }

    public string? ToName { get; init; }

    public required string Language { get; init; }

    public required string Subject { get; init; }

    public required string Html { get; init; }

    public required string Text { get; init; }

    public required IReadOnlyList<NotificationLink> Links { get; init; }
}
