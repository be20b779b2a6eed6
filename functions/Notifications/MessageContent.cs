namespace Workflows.Functions.Notifications;

/// <summary>
/// The words of one notification in the recipient's language, shared by the email and the Teams card:
/// a heading, an introduction, the facts the deployment allows (<see cref="MessageFacts"/>) and notes. It
/// carries ids and codes only, never personal data of the prisoner or returnee.
/// </summary>
public sealed record MessageContent
{
    public required string Language { get; init; }

    public bool RightToLeft => NotificationTexts.IsRightToLeft(Language);

    public required string Subject { get; init; }

    /// <summary>"Hello {name}," for a staff recipient; null for the subject of a decision notice.</summary>
    public string? Greeting { get; init; }

    public required string Introduction { get; init; }

    public required IReadOnlyList<(string Label, string Value)> Facts { get; init; }

    /// <summary>For a decision notice: how to challenge it, with its heading.</summary>
    public (string Heading, string Text)? Challenge { get; init; }

    /// <summary>For a hand delivery: the decision notice to print and hand over, in the person's language.</summary>
    public MessageContent? Enclosure { get; init; }
}
