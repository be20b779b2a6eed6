using Workflows.Engine.History;

namespace Workflows.Engine.Backend;

/// <summary>
/// A message for an orchestration instance: a start request, a task or timer result, an external
/// event, or a lifecycle request (terminate, suspend, resume). The event it carries is appended to
/// the instance's history when the message is processed.
/// </summary>
public sealed record OrchestrationMessage
{
    /// <summary>The target instance id.</summary>
    public required string InstanceId { get; init; }

    /// <summary>
    /// The execution the message belongs to (for task and timer results); null for messages that go
    /// to whatever execution is current (events, lifecycle requests).
    /// </summary>
    public string? ExecutionId { get; init; }

    /// <summary>The event to apply.</summary>
    public required HistoryEvent Event { get; init; }

    /// <summary>A unique id of this message, used to recognise duplicate deliveries.</summary>
    public string MessageId { get; init; } = Guid.NewGuid().ToString("N");

    /// <summary>When the message was created; used to measure queueing latency.</summary>
    public DateTimeOffset EnqueuedAt { get; init; }

    /// <summary>
    /// When the message may be processed (durable timers and scheduled starts); null for at once.
    /// </summary>
    public DateTimeOffset? VisibleAt { get; init; }

    /// <summary>How many times a backend has handed this message to a worker (1 on the first delivery).</summary>
    public int DequeueCount { get; init; }
}
