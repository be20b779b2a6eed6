namespace Workflows.Policies;

/// <summary>
/// The timing of one stage of a sequential step: its own deadline, reminders, escalation chain and
/// exhausted rule, each measured from the moment the stage opens. A field left out (null) falls back to
/// the step's; an empty list means none (e.g. <c>"escalations": []</c> stops the step's chain applying).
/// </summary>
public sealed record StagePolicy
{
    public Duration? Deadline { get; init; }

    public IReadOnlyList<Duration>? Reminders { get; init; }

    public IReadOnlyList<EscalationLevel>? Escalations { get; init; }

    public ExhaustedRule? Exhausted { get; init; }
}
