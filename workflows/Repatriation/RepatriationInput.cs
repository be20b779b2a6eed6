using Workflows.Policies;

namespace Workflows.Repatriation;

public sealed record RepatriationInput
{
    public required CaseInfo Case { get; init; }

    public required WorkflowPolicy Policy { get; init; }

    public IReadOnlyList<HouseholdMember> Members { get; init; } = [];

    /// <summary>Set once the household has left the centre: the reintegration reviews (continue-as-new per review).</summary>
    public ReviewState? Reviews { get; init; }
}

public sealed record ReviewState(DateTimeOffset ExitedAt, int NextReview);

/// <summary>One child's placement; <c>ParentRef</c> is the parent the child stays with (families are kept together), null when the child needs a family placement.</summary>
public sealed record ChildPlacementInput(CaseInfo Case, WorkflowPolicy Policy, string ChildRef, DateTimeOffset ArrivedAt, string? ParentRef = null);
