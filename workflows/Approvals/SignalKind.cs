namespace Workflows.Approvals;

public enum SignalKind
{
    Decision,
    Withdraw,
    ClarificationAnswered,
    Delegated,
    Reassigned,
}
