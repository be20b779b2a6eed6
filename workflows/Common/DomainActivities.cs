using Workflows.Engine;

namespace Workflows;

/// <summary>
/// How the workflows call their activities: every activity does I/O (tables, blobs, mail), so a
/// transient failure is retried on durable timers — 5 attempts over about eight minutes — instead of
/// failing a case that may have run for months. Activities make their side effects idempotent with
/// the call's idempotency key, which stays the same across these retries.
/// </summary>
public static class DomainActivities
{
    /// <summary>The attempts of every domain activity call (the notification channels use the same count).</summary>
    public const int Attempts = 5;

    /// <summary>The retry options of every domain activity call.</summary>
    public static TaskOptions Retry { get; } = TaskOptions.WithRetry(new RetryPolicy(Attempts, TimeSpan.FromSeconds(30))
    {
        BackoffCoefficient = 2,
        MaxInterval = TimeSpan.FromMinutes(5),
    });

    /// <summary>Calls a domain activity with <see cref="Retry"/>.</summary>
    public static Task<T> CallDomainActivityAsync<T>(this OrchestrationContext context, string name, object? input)
    {
        ArgumentNullException.ThrowIfNull(context);
        return context.CallActivityAsync<T>(name, input, Retry);
    }
}
