using Workflows.Approvals;
using Workflows.Policies;

namespace Workflows.Repatriation;

public sealed record RepatriationInput
{
    public required CaseInfo Case { get; init; }

    public required WorkflowPolicy Policy { get; init; }

    public IReadOnlyList<HouseholdMember> Members { get; init; } = [];

    /// <summary>
    /// Safeguard 7: the references of the members recorded as women or girls. Steps with direct contact
    /// (medical screening, child-protection hand-over, best-interests assessment, reintegration review) go
    /// to women staff for them. A routing list of references; the sex itself stays in the identity tier.
    /// </summary>
    public IReadOnlyList<string> WomenAndGirls { get; init; } = [];

    /// <summary>Set once the household has left the centre: the reintegration reviews (continue-as-new per review).</summary>
    public ReviewState? Reviews { get; init; }

    /// <summary>
    /// The request of a step about one member: the women-staff rule follows that member. Every step passes
    /// whom it is about; the policy's <c>womenStaffForWomen</c> decides where the rule holds.
    /// </summary>
    internal ApprovalRequest StepFor(string step, string memberRef, StepPolicy? stepPolicy = null) =>
        WorkflowSteps.Request(Case, Policy, step, null, stepPolicy) with { SubjectRef = memberRef, FemaleSubject = WomenAndGirls.Contains(memberRef) };

    /// <summary>The request of a step about several members at once: women staff when any of them is a woman or girl.</summary>
    internal ApprovalRequest StepForMembers(string step, IEnumerable<string> memberRefs, StepPolicy? stepPolicy = null) =>
        WorkflowSteps.Request(Case, Policy, step, null, stepPolicy) with { FemaleSubject = memberRefs.Any(WomenAndGirls.Contains) };
}

/// <summary>The reviews after the centre; <c>Returned</c> are the members who came back (null: every member, as before it was kept).</summary>
public sealed record ReviewState(DateTimeOffset ExitedAt, int NextReview, IReadOnlyList<string>? Returned = null);

/// <summary>
/// One child's placement; <c>ParentRef</c> is the parent the child stays with (families are kept together), null when the
/// child needs a family placement. <c>FemaleSubject</c>: a girl, whose best-interests assessment goes to women staff (safeguard 7).
/// </summary>
public sealed record ChildPlacementInput(CaseInfo Case, WorkflowPolicy Policy, string ChildRef, DateTimeOffset ArrivedAt, string? ParentRef = null, bool FemaleSubject = false);
