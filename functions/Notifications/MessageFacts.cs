namespace Workflows.Functions.Notifications;

/// <summary>
/// The case facts emails and Teams cards may show (<c>Workflows:Notifications:MessageFacts</c>, a
/// comma-separated list). Mail and chat leave the system's access control, so the default is the case
/// reference and the step; everything else stays behind sign-in unless the deployment allows it.
/// </summary>
[Flags]
public enum MessageFacts
{
    None = 0,

    /// <summary>The case reference (always shown: a message must say which case it is about).</summary>
    CaseReference = 1,

    /// <summary>The approval step (always shown: the approver must know what is asked).</summary>
    Step = 2,

    /// <summary>The workflow's name (it can reveal what the person is involved in, e.g. a disengagement programme).</summary>
    Workflow = 4,

    /// <summary>When a decision is due.</summary>
    Due = 8,

    /// <summary>The result of an outcome or the code of an alert. A decision notice always states its decision.</summary>
    Result = 16,

    /// <summary>What the default shows.</summary>
    Minimal = CaseReference | Step,
}
