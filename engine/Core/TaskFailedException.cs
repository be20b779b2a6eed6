namespace Workflows.Engine;

/// <summary>
/// Raised in orchestrator code when an activity or sub-orchestration it awaited failed. The original
/// failure (type, message, stack trace, inner failures) is in <see cref="FailureDetails"/>.
/// </summary>
public class TaskFailedException : Exception
{
    /// <summary>Creates the exception.</summary>
    public TaskFailedException(string taskName, int taskId, FailureDetails failureDetails)
        : base(BuildMessage(taskName, taskId, failureDetails))
    {
        TaskName = taskName;
        TaskId = taskId;
        FailureDetails = failureDetails;
    }

    /// <summary>Creates the exception with a message (for serialization frameworks and tests).</summary>
    public TaskFailedException()
        : this(string.Empty, -1, new FailureDetails(string.Empty, string.Empty))
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public TaskFailedException(string message)
        : base(message)
    {
        TaskName = string.Empty;
        TaskId = -1;
        FailureDetails = new FailureDetails(typeof(TaskFailedException).FullName!, message);
    }

    /// <summary>Creates the exception with a message and an inner exception.</summary>
    public TaskFailedException(string message, Exception innerException)
        : base(message, innerException)
    {
        TaskName = string.Empty;
        TaskId = -1;
        FailureDetails = FailureDetails.FromException(innerException);
    }

    /// <summary>The activity or sub-orchestration name.</summary>
    public string TaskName { get; }

    /// <summary>The sequence number of the failed task in the orchestration's history.</summary>
    public int TaskId { get; }

    /// <summary>What went wrong, as recorded by the task that failed.</summary>
    public FailureDetails FailureDetails { get; }

    private static string BuildMessage(string taskName, int taskId, FailureDetails failure) =>
        $"Task '{taskName}' (#{taskId}) failed: {failure.ErrorType}: {failure.ErrorMessage}";
}
