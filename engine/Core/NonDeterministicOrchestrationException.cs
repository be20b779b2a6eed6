namespace Workflows.Engine;

/// <summary>
/// The orchestrator code no longer matches the instance's history (usually because the code changed
/// while the instance was in flight). The message names the step: its sequence number, what history
/// recorded and what the code did. Register the old code under the old version to keep such
/// instances running.
/// </summary>
public sealed class NonDeterministicOrchestrationException : Exception
{
    /// <summary>Creates the exception.</summary>
    public NonDeterministicOrchestrationException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception.</summary>
    public NonDeterministicOrchestrationException()
    {
    }

    /// <summary>Creates the exception with a message and an inner exception.</summary>
    public NonDeterministicOrchestrationException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
