namespace Workflows.Engine;

/// <summary>What kind of client-side failure an <see cref="OrchestrationException"/> reports.</summary>
public enum OrchestrationErrorCode
{
    /// <summary>No instance has that id.</summary>
    InstanceNotFound,

    /// <summary>An instance with that id exists in a status that forbids replacing it.</summary>
    InstanceAlreadyExists,

    /// <summary>The instance has finished and cannot take the request.</summary>
    InstanceCompleted,

    /// <summary>The instance is not in a status that allows the request (for example, purging a running instance).</summary>
    InvalidInstanceState,

    /// <summary>No orchestration or activity is registered with that name (and version).</summary>
    NotRegistered,

    /// <summary>An argument is invalid (instance id syntax, page size, payload too large).</summary>
    InvalidArgument,
}

/// <summary>The one exception type the orchestration client throws for failures it can explain.</summary>
public sealed class OrchestrationException : Exception
{
    /// <summary>Creates the exception.</summary>
    public OrchestrationException(OrchestrationErrorCode errorCode, string message)
        : base(message)
    {
        ErrorCode = errorCode;
    }

    /// <summary>Creates the exception.</summary>
    public OrchestrationException()
        : this(OrchestrationErrorCode.InvalidArgument, "Invalid orchestration request.")
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public OrchestrationException(string message)
        : this(OrchestrationErrorCode.InvalidArgument, message)
    {
    }

    /// <summary>Creates the exception with a message and an inner exception.</summary>
    public OrchestrationException(string message, Exception innerException)
        : base(message, innerException)
    {
        ErrorCode = OrchestrationErrorCode.InvalidArgument;
    }

    /// <summary>What kind of failure this is.</summary>
    public OrchestrationErrorCode ErrorCode { get; }
}
