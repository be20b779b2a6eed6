namespace Workflows;

public enum IntakeStatus
{
    /// <summary>The case exists and its workflow runs (also when the same request came twice).</summary>
    Started,

    /// <summary>400: see the field errors; nothing was written.</summary>
    Invalid,

    /// <summary>403: the actor may not start this workflow here.</summary>
    NotEntitled,
}
