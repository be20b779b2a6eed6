namespace Workflows.Engine;

/// <summary>
/// What went wrong in an activity, a sub-orchestration or an orchestration, in a form that survives
/// serialization: the exception type, message and stack trace, and the inner failure.
/// </summary>
/// <param name="ErrorType">Full name of the exception type, for example <c>System.InvalidOperationException</c>.</param>
/// <param name="ErrorMessage">The exception message.</param>
/// <param name="StackTrace">The stack trace where the failure was raised, when known.</param>
/// <param name="InnerFailure">The inner failure, when the exception had an inner exception.</param>
/// <param name="IsNonRetriable">True when retrying cannot help (for example a poison message).</param>
public sealed record FailureDetails(
    string ErrorType,
    string ErrorMessage,
    string? StackTrace = null,
    FailureDetails? InnerFailure = null,
    bool IsNonRetriable = false)
{
    /// <summary>Builds failure details from an exception, keeping inner exceptions.</summary>
    public static FailureDetails FromException(Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        if (exception is TaskFailedException taskFailed)
        {
            // Keep the original failure rather than the wrapper's, so the root cause travels up.
            return new FailureDetails(
                exception.GetType().FullName ?? exception.GetType().Name,
                exception.Message,
                exception.StackTrace,
                taskFailed.FailureDetails);
        }

        return new FailureDetails(
            exception.GetType().FullName ?? exception.GetType().Name,
            exception.Message,
            exception.StackTrace,
            exception.InnerException is null ? null : FromException(exception.InnerException),
            exception is NonRetriableException);
    }

    /// <summary>True when this failure, or one of its inner failures, was raised as <typeparamref name="T"/> or a subclass.</summary>
    public bool IsCausedBy<T>() where T : Exception => IsCausedBy(typeof(T));

    /// <summary>True when this failure, or one of its inner failures, was raised as <paramref name="exceptionType"/> or a subclass.</summary>
    public bool IsCausedBy(Type exceptionType)
    {
        ArgumentNullException.ThrowIfNull(exceptionType);
        for (var failure = this; failure is not null; failure = failure.InnerFailure)
        {
            var type = Type.GetType(failure.ErrorType, throwOnError: false)
                ?? AppDomain.CurrentDomain.GetAssemblies()
                    .Select(a => a.GetType(failure.ErrorType, throwOnError: false))
                    .FirstOrDefault(t => t is not null);
            if (type is not null ? exceptionType.IsAssignableFrom(type) : failure.ErrorType == exceptionType.FullName)
            {
                return true;
            }
        }

        return false;
    }

    /// <inheritdoc />
    public override string ToString() => $"{ErrorType}: {ErrorMessage}";
}
