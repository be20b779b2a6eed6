namespace Workflows.Notifications;

public enum NotificationKind
{
    NewTask,
    Reminder,
    Escalation,
    Reassigned,
    Delegated,
    ClarificationRequested,
    ClarificationAnswered,
    Outcome,

    /// <summary>A decision notice to the prisoner or returnee, with the way to challenge it (safeguard 6).</summary>
    DecisionNotice,

    /// <summary>A time alert (waiting list, child placement, renewal, missed contact).</summary>
    Alert,
}
