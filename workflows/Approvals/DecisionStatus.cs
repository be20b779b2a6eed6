namespace Workflows.Approvals;

/// <summary>How a decision (or delegation, reassignment, withdrawal, answer) went; the host maps it to an HTTP status.</summary>
public enum DecisionStatus
{
    /// <summary>200.</summary>
    Recorded,

    /// <summary>409: the task was decided, closed or the step ended; the attempt is audited and changes nothing.</summary>
    AlreadyDecided,

    /// <summary>403: not the assignee or delegate, or separation of duties forbids it.</summary>
    NotEntitled,

    /// <summary>404.</summary>
    NotFound,

    /// <summary>400 with <see cref="DecisionResult.Errors"/>.</summary>
    Invalid,
}
