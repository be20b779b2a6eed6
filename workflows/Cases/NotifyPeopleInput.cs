using Workflows.Notifications;

namespace Workflows.Cases;

/// <summary>A notification about a case to named people, to the holders of a role, and/or to the subject (decision notice).</summary>
public sealed record NotifyPeopleInput
{
    public required string CaseId { get; init; }

    public required NotificationKind Kind { get; init; }

    public string? Step { get; init; }

    public string? Code { get; init; }

    public IReadOnlyList<string> PersonIds { get; init; } = [];

    public string? Role { get; init; }

    public ScopeLevel Scope { get; init; } = ScopeLevel.Facility;

    /// <summary>Also notify the prisoner or returnee (in their language), with <see cref="ChallengeRoute"/>.</summary>
    public bool ToSubject { get; init; }

    public string? ChallengeRoute { get; init; }

    public DateTimeOffset? Due { get; init; }
}
