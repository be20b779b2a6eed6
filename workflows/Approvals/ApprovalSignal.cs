namespace Workflows.Approvals;

/// <summary>
/// The one event the approval orchestration listens to (<see cref="EventName"/>). Ids, codes and kinds
/// only: comments and conditions stay on the task row.
/// </summary>
public sealed record ApprovalSignal
{
    public const string EventName = "ApprovalSignal";

    public required SignalKind Kind { get; init; }

    /// <summary>The decision (or signal) id; also the event id, so a duplicate delivery changes nothing.</summary>
    public required string SignalId { get; init; }

    public string? TaskId { get; init; }

    public DecisionKind? Decision { get; init; }

    public string? ActorId { get; init; }

    public string? OnBehalfOf { get; init; }

    public DecisionChannel? Channel { get; init; }

    public IReadOnlyList<string> ReasonCodes { get; init; } = [];

    public IReadOnlyDictionary<string, string> Attributes { get; init; } = new Dictionary<string, string>();

    public DateTimeOffset At { get; init; }

    /// <summary>For <see cref="SignalKind.Rescheduled"/>: how far the deadline, reminders and escalations move.</summary>
    public TimeSpan? ShiftBy { get; init; }
}
