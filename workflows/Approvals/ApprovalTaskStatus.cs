namespace Workflows.Approvals;

public enum ApprovalTaskStatus
{
    Open,
    Decided,
    AwaitingClarification,

    /// <summary>The step ended before this task was decided (another approver decided, withdrawal, veto).</summary>
    Cancelled,
    Expired,

    /// <summary>Decided, but after another decision had settled its slot or step: recorded, changed nothing.</summary>
    Late,
}
