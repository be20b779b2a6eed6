namespace Workflows.Functions.Approvals;

/// <summary>What a presented approval link turned out to be.</summary>
public enum ApprovalLinkStatus
{
    /// <summary>Genuine, unused, in time, and the task still waits for this approver.</summary>
    Valid,

    /// <summary>Not a token this app issued (bad format, bad signature, or unknown).</summary>
    Invalid,

    /// <summary>Past its expiry.</summary>
    Expired,

    /// <summary>Already used for a decision.</summary>
    Used,

    /// <summary>The task has been decided or closed meanwhile.</summary>
    TaskClosed,

    /// <summary>The task was reassigned away from this approver.</summary>
    Reassigned,
}
