namespace Workflows.Notifications;

/// <summary>
/// One notification: ids, kind, recipient person id, language, case reference and step. It never holds
/// personal data of the prisoner or returnee; channels render text from the kind and the ids.
/// </summary>
public sealed record Notification
{
    /// <summary>The same for every redelivery of the activity that sends it: a channel sends each key once.</summary>
    public required string IdempotencyKey { get; init; }

    public required NotificationKind Kind { get; init; }

    /// <summary>A staff person id, or the subject id for a decision notice.</summary>
    public required string RecipientId { get; init; }

    public string Language { get; init; } = "en";

    public required string CaseId { get; init; }

    public required string CaseReference { get; init; }

    public required string Workflow { get; init; }

    public string? Step { get; init; }

    public string? TaskId { get; init; }

    public string? InstanceId { get; init; }

    public DateTimeOffset? Due { get; init; }

    /// <summary>An outcome or alert code (e.g. <c>Approved</c>, <c>WaitingListAlert</c>).</summary>
    public string? Code { get; init; }

    /// <summary>For a decision notice: how to challenge it (e.g. <c>complaint</c>, <c>reconsideration</c>).</summary>
    public string? ChallengeRoute { get; init; }
}
