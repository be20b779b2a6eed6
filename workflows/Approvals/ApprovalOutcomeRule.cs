using Workflows.Policies;

namespace Workflows.Approvals;

/// <summary>
/// The outcome of an approval step as a pure function of its decisions. The approval orchestration
/// applies it after every decision; property tests check the orchestration against
/// <see cref="Evaluate"/> for random approvers and decision orders with duplicates.
/// </summary>
public static class ApprovalOutcomeRule
{
    /// <summary>Whether a slot can take a decision now, given the counted decisions.</summary>
    public static bool IsActive(ApprovalRuleSpec spec, ApprovalSlot slot, IReadOnlyDictionary<int, DecisionKind> decided, IReadOnlySet<int> activeAuthorities)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(slot);
        ArgumentNullException.ThrowIfNull(decided);
        ArgumentNullException.ThrowIfNull(activeAuthorities);
        if (decided.ContainsKey(slot.Index))
        {
            return false;
        }

        if (slot.Authority)
        {
            return activeAuthorities.Contains(slot.Index);
        }

        return spec.Mode != ApprovalMode.Sequential || slot.Stage == CurrentStage(spec, decided);
    }

    /// <summary>The first stage (sequential mode) whose slots are not all approved.</summary>
    public static int CurrentStage(ApprovalRuleSpec spec, IReadOnlyDictionary<int, DecisionKind> decided)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(decided);
        var pending = spec.Members.Where(s => !(decided.TryGetValue(s.Index, out var k) && IsApproval(k))).Select(s => s.Stage).ToList();
        return pending.Count == 0 ? int.MaxValue : pending.Min();
    }

    /// <summary>What the counted decisions settle.</summary>
    public static Verdict Conclude(ApprovalRuleSpec spec, IReadOnlyDictionary<int, DecisionKind> decided)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(decided);
        var slots = spec.Slots.ToDictionary(s => s.Index);
        if (decided.Any(d => d.Value == DecisionKind.Veto || (d.Value == DecisionKind.Reject && slots[d.Key].Veto)))
        {
            return Verdict.Vetoed;
        }

        if (decided.Where(d => slots[d.Key].Authority).Select(d => (DecisionKind?)d.Value).FirstOrDefault() is { } authority)
        {
            return IsApproval(authority) ? Verdict.Approved : Verdict.Rejected;
        }

        var members = spec.Members.ToList();
        var approvals = members.Count(s => decided.TryGetValue(s.Index, out var k) && IsApproval(k));
        var rejections = members.Count(s => decided.TryGetValue(s.Index, out var k) && k == DecisionKind.Reject);
        var pending = members.Count - approvals - rejections;
        switch (spec.Mode)
        {
            case ApprovalMode.Any:
                return approvals > 0 ? Verdict.Approved : rejections > 0 ? Verdict.Rejected : Verdict.Pending;
            case ApprovalMode.All:
            case ApprovalMode.Sequential:
                return rejections > 0 ? Verdict.Rejected : pending == 0 && approvals > 0 ? Verdict.Approved : Verdict.Pending;
            default:
                var needed = spec.Needed;
                var required = members.Where(s => spec.RequiredRoles.Contains(s.Role)).ToList();
                if (required.Any(s => decided.TryGetValue(s.Index, out var k) && k == DecisionKind.Reject))
                {
                    return Verdict.Rejected;
                }

                if (approvals >= needed && required.All(s => decided.TryGetValue(s.Index, out var k) && IsApproval(k)))
                {
                    return Verdict.Approved;
                }

                if (rejections >= needed)
                {
                    return Verdict.Rejected;
                }

                return approvals + pending < needed && rejections + pending < needed ? Verdict.Disagreement : Verdict.Pending;
        }
    }

    /// <summary>
    /// The reference outcome of a sequence of attempted decisions (slot index, kind), in arrival order:
    /// a decision counts when its slot is active and undecided; the first settling decision ends it;
    /// everything after (late, duplicate) changes nothing. A disagreement without a tie-breaker is a rejection.
    /// </summary>
    public static (ApprovalResult? Result, IReadOnlyList<int> Counted) Evaluate(ApprovalRuleSpec spec, IEnumerable<(int Slot, DecisionKind Kind)> attempts)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(attempts);
        var decided = new Dictionary<int, DecisionKind>();
        var counted = new List<int>();
        var i = -1;
        foreach (var (slotIndex, kind) in attempts)
        {
            i++;
            var slot = spec.Slots.FirstOrDefault(s => s.Index == slotIndex);
            if (slot is null || kind == DecisionKind.ReturnForClarification || !IsActive(spec, slot, decided, new HashSet<int>()))
            {
                continue;
            }

            decided[slotIndex] = kind;
            counted.Add(i);
            switch (Conclude(spec, decided))
            {
                case Verdict.Approved:
                    return (ApprovalResult.Approved, counted);
                case Verdict.Rejected or Verdict.Disagreement:
                    return (ApprovalResult.Rejected, counted);
                case Verdict.Vetoed:
                    return (ApprovalResult.Vetoed, counted);
            }
        }

        return (null, counted);
    }

    /// <summary>
    /// Whether the approvers who agreed gave different values of a classifying attribute (one with values
    /// declared by the policy, e.g. <c>riskLevel</c>): agreeing to approve while judging the risk differently is
    /// a disagreement, not an approval whose last value wins. An authority's decision settles the value alone;
    /// the stages of a sequential step decide in turn, so a later stage's value stands.
    /// </summary>
    public static bool AttributesDisagree(
        ApprovalRuleSpec spec,
        IReadOnlyDictionary<int, DecisionKind> decided,
        IReadOnlyDictionary<int, IReadOnlyDictionary<string, string>> approvalAttributes,
        IEnumerable<string> classifying)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(decided);
        ArgumentNullException.ThrowIfNull(approvalAttributes);
        ArgumentNullException.ThrowIfNull(classifying);
        var slots = spec.Slots.ToDictionary(s => s.Index);
        if (spec.Mode == ApprovalMode.Sequential || decided.Keys.Any(i => slots[i].Authority))
        {
            return false;
        }

        var approving = decided.Where(d => IsApproval(d.Value) && approvalAttributes.ContainsKey(d.Key)).Select(d => approvalAttributes[d.Key]).ToList();
        return classifying.Any(attribute => approving
            .Select(a => a.GetValueOrDefault(attribute))
            .Where(v => v is not null)
            .Distinct(StringComparer.Ordinal)
            .Skip(1)
            .Any());
    }

    public static bool IsApproval(DecisionKind kind) => kind is DecisionKind.Approve or DecisionKind.ApproveWithConditions;
}
