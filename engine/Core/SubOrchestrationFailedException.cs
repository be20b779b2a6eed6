namespace Workflows.Engine;

/// <summary>Raised in orchestrator code when a sub-orchestration it awaited failed or was terminated.</summary>
public sealed class SubOrchestrationFailedException : TaskFailedException
{
    /// <summary>Creates the exception.</summary>
    public SubOrchestrationFailedException(string taskName, int taskId, string instanceId, FailureDetails failureDetails)
        : base(taskName, taskId, failureDetails)
    {
        InstanceId = instanceId;
    }

    /// <summary>Creates the exception.</summary>
    public SubOrchestrationFailedException()
    {
        InstanceId = string.Empty;
    }

    /// <summary>Creates the exception with a message.</summary>
    public SubOrchestrationFailedException(string message)
        : base(message)
    {
        InstanceId = string.Empty;
    }

    /// <summary>Creates the exception with a message and an inner exception.</summary>
    public SubOrchestrationFailedException(string message, Exception innerException)
        : base(message, innerException)
    {
        InstanceId = string.Empty;
    }

    /// <summary>The instance id of the failed sub-orchestration.</summary>
    public string InstanceId { get; }
}
