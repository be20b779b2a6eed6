namespace Workflows.Functions.Notifications.Email;

/// <summary>An email ready to send: HTML with its plain-text alternative, and the links it carries.</summary>
public sealed record EmailMessage
{
    /// <summary>The person the email goes to (for a hand delivery: the staff member, not the person concerned).</summary>
    public required string ToPersonId { get; init; }

    /// <summary>The address; empty when the person has none.</summary>
    public required string ToAddress { get; init; }

    public string? ToName { get; init; }

    public required string Language { get; init; }

    public required string Subject { get; init; }

    public required string Html { get; init; }

    public required string Text { get; init; }

    public required IReadOnlyList<NotificationLink> Links { get; init; }
}
