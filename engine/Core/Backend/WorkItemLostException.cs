namespace Workflows.Engine.Backend;

/// <summary>
/// Thrown by a backend when a checkpoint cannot be committed because another worker committed for
/// the same instance first. The worker drops its episode; the winner's history stands.
/// </summary>
public sealed class WorkItemLostException : Exception
{
    /// <summary>Creates the exception.</summary>
    public WorkItemLostException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public WorkItemLostException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and an inner exception.</summary>
    public WorkItemLostException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
