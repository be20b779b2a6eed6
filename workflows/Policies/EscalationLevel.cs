namespace Workflows.Policies;

/// <summary>One level of an escalation chain, due <see cref="At"/> after the step (or stage) started.</summary>
public sealed record EscalationLevel
{
    public required Duration At { get; init; }

    public EscalationAction Action { get; init; } = EscalationAction.Notify;

    /// <summary>The escalation role; null with <see cref="ToManager"/>.</summary>
    public string? Role { get; init; }

    public ScopeLevel Scope { get; init; } = ScopeLevel.Facility;

    /// <summary>Escalates to each open task's assignee's manager instead of a role.</summary>
    public bool ToManager { get; init; }
}
