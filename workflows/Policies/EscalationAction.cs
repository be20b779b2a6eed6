namespace Workflows.Policies;

/// <summary>What one escalation level does.</summary>
public enum EscalationAction
{
    /// <summary>Notifies the escalation role; the approvers stay.</summary>
    Notify,

    /// <summary>Adds the escalation role as an approver whose decision settles the step.</summary>
    AddApprover,

    /// <summary>Reassigns the open tasks to the escalation role (or to each approver's manager).</summary>
    Reassign,
}
