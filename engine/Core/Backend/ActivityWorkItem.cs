namespace Workflows.Engine.Backend;

/// <summary>An activity to run, as handed to a worker by a backend.</summary>
public sealed class ActivityWorkItem
{
    /// <summary>The orchestration instance that scheduled the activity.</summary>
    public required string InstanceId { get; init; }

    /// <summary>The execution that scheduled the activity.</summary>
    public required string ExecutionId { get; init; }

    /// <summary>The step's sequence number in the orchestration's history.</summary>
    public required int TaskId { get; init; }

    /// <summary>The activity name.</summary>
    public required string Name { get; init; }

    /// <summary>The activity version, if any.</summary>
    public string Version { get; init; } = string.Empty;

    /// <summary>The serialized input.</summary>
    public string? Input { get; init; }

    /// <summary>Stable across retries and redeliveries of the same call; use it to make side effects exactly-once.</summary>
    public required string IdempotencyKey { get; init; }

    /// <summary>How many times this work item has been handed to a worker (1 on the first delivery).</summary>
    public int DequeueCount { get; init; } = 1;

    /// <summary>When the activity was scheduled.</summary>
    public DateTimeOffset EnqueuedAt { get; init; }

    /// <summary>Backend-specific data (message receipts and the like).</summary>
    public object? BackendState { get; init; }
}
