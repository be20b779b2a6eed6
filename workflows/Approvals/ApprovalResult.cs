namespace Workflows.Approvals;

public enum ApprovalResult
{
    Approved,
    Rejected,
    Vetoed,
    Expired,
    Withdrawn,
}
