namespace Workflows.Engine;

/// <summary>
/// How an activity or sub-orchestration call is retried. The wait between attempts is a durable
/// timer, so retries survive restarts and cost nothing while waiting.
/// </summary>
public sealed record RetryPolicy
{
    /// <summary>Creates a policy.</summary>
    /// <param name="maxAttempts">Total attempts including the first (at least 1).</param>
    /// <param name="firstInterval">Wait before the second attempt (positive).</param>
    public RetryPolicy(int maxAttempts, TimeSpan firstInterval)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxAttempts, 1);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(firstInterval, TimeSpan.Zero);
        MaxAttempts = maxAttempts;
        FirstInterval = firstInterval;
    }

    /// <summary>Total attempts including the first.</summary>
    public int MaxAttempts { get; }

    /// <summary>Wait before the second attempt.</summary>
    public TimeSpan FirstInterval { get; }

    /// <summary>Each wait is the previous one times this factor (1 for a constant interval).</summary>
    public double BackoffCoefficient { get; init; } = 1;

    /// <summary>No wait is longer than this.</summary>
    public TimeSpan MaxInterval { get; init; } = TimeSpan.FromDays(6);

    /// <summary>No retry starts later than this after the first attempt; null for no limit.</summary>
    public TimeSpan? RetryTimeout { get; init; }

    /// <summary>Decides, from the failure, whether to retry at all; null to retry every retriable failure.</summary>
    public Func<FailureDetails, bool>? Handle { get; init; }

    /// <summary>The wait after failed attempt number <paramref name="attempt"/> (1-based).</summary>
    public TimeSpan DelayAfter(int attempt)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(attempt, 1);
        var ticks = FirstInterval.Ticks * Math.Pow(BackoffCoefficient, attempt - 1);
        return ticks >= MaxInterval.Ticks ? MaxInterval : TimeSpan.FromTicks((long)ticks);
    }
}

/// <summary>Options for an activity call.</summary>
public record TaskOptions
{
    /// <summary>The retry policy, or null for a single attempt.</summary>
    public RetryPolicy? Retry { get; init; }

    /// <summary>The activity version, if activities are versioned.</summary>
    public string? Version { get; init; }

    /// <summary>Shorthand for options with a retry policy.</summary>
    public static TaskOptions WithRetry(RetryPolicy policy) => new() { Retry = policy };
}

/// <summary>Options for a sub-orchestration call.</summary>
public sealed record SubOrchestrationOptions : TaskOptions
{
    /// <summary>The sub-orchestration's instance id; null for one derived from the parent's id and the step.</summary>
    public string? InstanceId { get; init; }

    /// <summary>Tags for the sub-orchestration (the parent's tags are not inherited unless given here).</summary>
    public IReadOnlyDictionary<string, string>? Tags { get; init; }
}
