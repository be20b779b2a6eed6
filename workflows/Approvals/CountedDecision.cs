namespace Workflows.Approvals;

/// <summary>A decision that counted towards the outcome (who, what, when, through which channel, for whom).</summary>
public sealed record CountedDecision(
    string DecisionId,
    string TaskId,
    int SlotIndex,
    string Role,
    DecisionKind Decision,
    string ActorId,
    string? OnBehalfOf,
    DecisionChannel? Channel,
    DateTimeOffset At,
    IReadOnlyList<string> ReasonCodes);
