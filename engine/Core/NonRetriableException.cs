namespace Workflows.Engine;

/// <summary>
/// Thrown by an activity to say that retrying cannot succeed (for example, invalid input).
/// Retry policies do not retry a failure raised this way.
/// </summary>
public class NonRetriableException : Exception
{
    /// <summary>Creates the exception.</summary>
    public NonRetriableException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public NonRetriableException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and an inner exception.</summary>
    public NonRetriableException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
