using Microsoft.Extensions.Logging;

namespace Workflows.Engine;

/// <summary>
/// What orchestrator code uses to act durably. Orchestrator code is replayed from history, so it must
/// be deterministic: take time from <see cref="CurrentUtcDateTime"/>, ids from <see cref="NewGuid"/>,
/// do I/O in activities, wait with <see cref="CreateTimer(DateTimeOffset, CancellationToken)"/>, and
/// await only the tasks this context returns.
/// </summary>
public abstract class OrchestrationContext
{
    /// <summary>The instance id.</summary>
    public abstract string InstanceId { get; }

    /// <summary>The current execution id (new after every <see cref="ContinueAsNew"/>).</summary>
    public abstract string ExecutionId { get; }

    /// <summary>The orchestration name.</summary>
    public abstract string Name { get; }

    /// <summary>The orchestration version this instance runs.</summary>
    public abstract string Version { get; }

    /// <summary>The parent's instance id, for a sub-orchestration.</summary>
    public abstract string? ParentInstanceId { get; }

    /// <summary>The tags the instance was started with.</summary>
    public abstract IReadOnlyDictionary<string, string> Tags { get; }

    /// <summary>The time of the current episode: the same value on every replay.</summary>
    public abstract DateTimeOffset CurrentUtcDateTime { get; }

    /// <summary>True while the code is re-running past history (side effects such as logging should be skipped).</summary>
    public abstract bool IsReplaying { get; }

    /// <summary>Calls an activity and returns its result.</summary>
    public abstract Task<TResult> CallActivityAsync<TResult>(string name, object? input = null, TaskOptions? options = null);

    /// <summary>Calls an activity that returns nothing.</summary>
    public Task CallActivityAsync(string name, object? input = null, TaskOptions? options = null) =>
        CallActivityAsync<object?>(name, input, options);

    /// <summary>Starts a sub-orchestration and returns its output when it completes.</summary>
    public abstract Task<TResult> CallSubOrchestrationAsync<TResult>(string name, object? input = null, SubOrchestrationOptions? options = null);

    /// <summary>Starts a sub-orchestration and waits for it to complete.</summary>
    public Task CallSubOrchestrationAsync(string name, object? input = null, SubOrchestrationOptions? options = null) =>
        CallSubOrchestrationAsync<object?>(name, input, options);

    /// <summary>
    /// A durable timer due at <paramref name="fireAt"/> (any distance in the future). Cancelling the
    /// token cancels the timer: the returned task is cancelled and the timer's firing changes nothing.
    /// </summary>
    public abstract Task CreateTimer(DateTimeOffset fireAt, CancellationToken cancellationToken = default);

    /// <summary>A durable timer due <paramref name="delay"/> after <see cref="CurrentUtcDateTime"/>.</summary>
    public Task CreateTimer(TimeSpan delay, CancellationToken cancellationToken = default) =>
        CreateTimer(CurrentUtcDateTime + delay, cancellationToken);

    /// <summary>
    /// Waits for an external event (name compared case-insensitively). Events that arrived before the
    /// wait are buffered and delivered in order; one event completes one waiter.
    /// </summary>
    public abstract Task<T> WaitForExternalEvent<T>(string name, CancellationToken cancellationToken = default);

    /// <summary>
    /// Waits for an external event for at most <paramref name="timeout"/> (a durable timer). Throws
    /// <see cref="TimeoutException"/> when the timer wins; a waiter that timed out never consumes a
    /// later event.
    /// </summary>
    public abstract Task<T> WaitForExternalEvent<T>(string name, TimeSpan timeout, CancellationToken cancellationToken = default);

    /// <summary>Sends an event to another instance (fire and forget, durable).</summary>
    public abstract void SendEvent(string instanceId, string name, object? payload = null);

    /// <summary>
    /// Sets the custom status shown in the instance status. Keep it small (at most 16 KB serialized)
    /// and free of personal data; an oversized value throws <see cref="ArgumentException"/>.
    /// </summary>
    public abstract void SetCustomStatus(object? customStatus);

    /// <summary>
    /// Ends this execution and starts a new one with <paramref name="newInput"/> and an empty history.
    /// Return from the orchestrator right after calling it. Events received but not yet consumed are
    /// carried into the new execution when <paramref name="preserveUnprocessedEvents"/> is true.
    /// </summary>
    public abstract void ContinueAsNew(object? newInput, bool preserveUnprocessedEvents = true);

    /// <summary>A new GUID, the same on every replay (a name-based UUID from the instance id, the execution id, the time and a counter).</summary>
    public abstract Guid NewGuid();

    /// <summary>A logger that writes nothing while the code replays, so each line is logged once.</summary>
    public abstract ILogger CreateReplaySafeLogger(string categoryName);

    /// <summary>Wraps <paramref name="logger"/> so that it writes nothing while the code replays.</summary>
    public abstract ILogger CreateReplaySafeLogger(ILogger logger);
}
