namespace Workflows.Approvals;

/// <summary>What the decisions so far settle.</summary>
public enum Verdict
{
    Pending,
    Approved,
    Rejected,
    Vetoed,

    /// <summary>A quorum can be reached neither way: the tie-breaker decides (or, without one, it is a rejection).</summary>
    Disagreement,
}
