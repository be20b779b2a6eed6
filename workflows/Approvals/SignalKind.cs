namespace Workflows.Approvals;

public enum SignalKind
{
    Decision,
    Withdraw,
    ClarificationAnswered,
    Delegated,
    Reassigned,

    /// <summary>The workflow's reference date moved (a court moved the release date): the step's clock moves by <see cref="ApprovalSignal.ShiftBy"/>.</summary>
    Rescheduled,
}
