namespace Workflows.Approvals;

/// <summary>
/// One vote of a step: a role (or one person of a role, for "each" rules). Any candidate's decision is
/// the slot's decision. Sequential steps activate stages in order; authority slots (a tie-breaker or an
/// escalation approver) settle the step alone.
/// </summary>
public sealed record ApprovalSlot
{
    public required int Index { get; init; }

    public required string Role { get; init; }

    public int Stage { get; init; }

    public bool Veto { get; init; }

    public bool Authority { get; init; }

    /// <summary>The slot's person was named (e.g. a panel member chosen at intake), not found by role.</summary>
    public bool Named { get; init; }

    /// <summary>Safeguard 7: only women may hold this slot's tasks (delegation and reassignment included).</summary>
    public bool WomenStaffOnly { get; init; }

    /// <summary>No eligible woman held the role nearer the case; the holders at this level were taken (audited).</summary>
    public ScopeLevel? WidenedTo { get; init; }

    /// <summary>The role has holders but no eligible woman at any level: the task waits unassigned for an administrator (audited).</summary>
    public bool RuleUnmet { get; init; }

    public IReadOnlyList<SlotCandidate> Candidates { get; init; } = [];
}
