using Workflows.Approvals;
using Workflows.Policies;

namespace Workflows.Tests.Approvals;

/// <summary>
/// The expected outcome of an approval step, written from the mode rules alone (counts of approvals,
/// rejections and undecided approvers), without the code the orchestration uses:
/// any one decides; all with the first rejection ending it; a quorum of n either way; a majority
/// (more than half) either way; sequential in order; a veto role's rejection ends it whatever the mode;
/// required roles must concur; an approver added by escalation casts one more vote in a quorum step and
/// settles any other step alone; a step that can reach
/// its quorum neither way is rejected (no tie-breaker here). Decisions out of turn, repeated or after the
/// outcome change nothing.
/// </summary>
public static class ModeOracle
{
    public static (ApprovalResult? Result, IReadOnlyList<string> Counted) Run(ModeScenario scenario)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        var n = scenario.Approvers.Length;
        var votes = new bool?[n];
        var counted = new List<string>();
        var directorAdded = false;
        bool? directorVote = null;
        foreach (var attempt in scenario.Attempts)
        {
            if (attempt.Move == ModeMove.Escalate)
            {
                directorAdded = true;
                continue;
            }

            if (attempt.Move != ModeMove.Decide)
            {
                continue;
            }

            var kind = scenario.KindFor(attempt);
            var approves = kind is DecisionKind.Approve or DecisionKind.ApproveWithConditions;
            if (attempt.Slot < 0)
            {
                if (!directorAdded || directorVote is not null)
                {
                    continue;
                }

                counted.Add(ModeScenario.Director);
                if (scenario.Mode != ApprovalMode.Quorum)
                {
                    return (approves ? ApprovalResult.Approved : ApprovalResult.Rejected, counted);
                }

                directorVote = approves;
                if (Settle(scenario, votes, directorAdded, directorVote) is { } settled)
                {
                    return (settled, counted);
                }

                continue;
            }

            var slot = attempt.Slot;
            if (votes[slot] is not null || (scenario.Mode == ApprovalMode.Sequential && votes.Take(slot).Any(v => v != true)))
            {
                continue;
            }

            votes[slot] = approves;
            counted.Add(scenario.People[slot]);
            if (!approves && scenario.IsVetoSlot(slot))
            {
                return (ApprovalResult.Vetoed, counted);
            }

            if (Settle(scenario, votes, directorAdded, directorVote) is { } result)
            {
                return (result, counted);
            }
        }

        return (null, counted);
    }

    private static ApprovalResult? Settle(ModeScenario scenario, bool?[] votes, bool directorAdded, bool? directorVote)
    {
        var approvals = votes.Count(v => v == true);
        var rejections = votes.Count(v => v == false);
        var undecided = votes.Count(v => v is null);
        if (scenario.Mode == ApprovalMode.Quorum && directorAdded)
        {
            // The director added to an overdue quorum step is one more voter.
            approvals += directorVote == true ? 1 : 0;
            rejections += directorVote == false ? 1 : 0;
            undecided += directorVote is null ? 1 : 0;
        }

        switch (scenario.Mode)
        {
            case ApprovalMode.Any:
                return approvals > 0 ? ApprovalResult.Approved : ApprovalResult.Rejected;
            case ApprovalMode.All or ApprovalMode.Sequential:
                return rejections > 0 ? ApprovalResult.Rejected : undecided == 0 ? ApprovalResult.Approved : null;
        }

        var needed = scenario.Mode == ApprovalMode.Quorum ? scenario.Quorum : (votes.Length / 2) + 1;
        if (scenario.Required.Any(i => votes[i] == false))
        {
            return ApprovalResult.Rejected;
        }

        if (approvals >= needed && scenario.Required.All(i => votes[i] == true))
        {
            return ApprovalResult.Approved;
        }

        if (rejections >= needed)
        {
            return ApprovalResult.Rejected;
        }

        return approvals + undecided < needed && rejections + undecided < needed ? ApprovalResult.Rejected : null;
    }
}
