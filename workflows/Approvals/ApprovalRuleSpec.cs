using Workflows.Policies;

namespace Workflows.Approvals;

/// <summary>What the outcome rule needs: the mode, the quorum, the slots and the roles whose concurrence is required.</summary>
public sealed record ApprovalRuleSpec(ApprovalMode Mode, int? Quorum, IReadOnlyList<ApprovalSlot> Slots, IReadOnlyCollection<string> RequiredRoles)
{
    public IEnumerable<ApprovalSlot> Members => Slots.Where(s => !s.Authority);

    /// <summary>How many agreeing votes settle a quorum or majority step.</summary>
    public int Needed => Mode switch
    {
        ApprovalMode.Majority => (Members.Count() / 2) + 1,
        ApprovalMode.Quorum => Quorum ?? 1,
        _ => Members.Count(),
    };
}
