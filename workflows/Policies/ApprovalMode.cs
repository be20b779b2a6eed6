namespace Workflows.Policies;

/// <summary>How the approvers of a step reach an outcome.</summary>
public enum ApprovalMode
{
    /// <summary>The first decision decides (a single approval is this mode with one role).</summary>
    Any,

    /// <summary>Every approver must approve; the first rejection ends it.</summary>
    All,

    /// <summary>A quorum of n must agree (n approvals approve, n rejections reject).</summary>
    Quorum,

    /// <summary>A quorum of more than half the approvers, dissent recorded.</summary>
    Majority,

    /// <summary>Approvers in order; each sees the step only after the previous one approved.</summary>
    Sequential,
}
