namespace Workflows.Approvals;

public enum ApprovalTaskKind
{
    Approval,

    /// <summary>A question returned to the requester.</summary>
    Clarification,
}
