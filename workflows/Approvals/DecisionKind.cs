namespace Workflows.Approvals;

public enum DecisionKind
{
    Approve,
    ApproveWithConditions,
    Reject,

    /// <summary>A rejection by a veto role: ends the step whatever the mode; needs a comment and a reason code.</summary>
    Veto,

    /// <summary>Sends the step back to the requester with a question; the step waits for the answer with a new deadline.</summary>
    ReturnForClarification,
}
