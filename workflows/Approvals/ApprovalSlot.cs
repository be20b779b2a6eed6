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

    public IReadOnlyList<SlotCandidate> Candidates { get; init; } = [];
}
