using System.Text.Json.Serialization;

namespace Workflows.Engine.History;

/// <summary>
/// One entry of an orchestration's append-only history. Replaying the orchestrator code against its
/// history rebuilds its state; the events below are the only things that ever happen to an instance.
/// </summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "eventType")]
[JsonDerivedType(typeof(ExecutionStartedEvent), "ExecutionStarted")]
[JsonDerivedType(typeof(OrchestratorStartedEvent), "OrchestratorStarted")]
[JsonDerivedType(typeof(TaskScheduledEvent), "TaskScheduled")]
[JsonDerivedType(typeof(TaskCompletedEvent), "TaskCompleted")]
[JsonDerivedType(typeof(TaskFailedEvent), "TaskFailed")]
[JsonDerivedType(typeof(TimerCreatedEvent), "TimerCreated")]
[JsonDerivedType(typeof(TimerFiredEvent), "TimerFired")]
[JsonDerivedType(typeof(EventRaisedEvent), "EventRaised")]
[JsonDerivedType(typeof(EventSentEvent), "EventSent")]
[JsonDerivedType(typeof(SubOrchestrationCreatedEvent), "SubOrchestrationCreated")]
[JsonDerivedType(typeof(SubOrchestrationCompletedEvent), "SubOrchestrationCompleted")]
[JsonDerivedType(typeof(SubOrchestrationFailedEvent), "SubOrchestrationFailed")]
[JsonDerivedType(typeof(ExecutionSuspendedEvent), "ExecutionSuspended")]
[JsonDerivedType(typeof(ExecutionResumedEvent), "ExecutionResumed")]
[JsonDerivedType(typeof(ExecutionTerminatedEvent), "ExecutionTerminated")]
[JsonDerivedType(typeof(ExecutionCompletedEvent), "ExecutionCompleted")]
[JsonDerivedType(typeof(ExecutionRewoundEvent), "ExecutionRewound")]
public abstract record HistoryEvent
{
    /// <summary>
    /// The sequence number of the step for events that the orchestrator schedules (task, timer,
    /// sub-orchestration, sent event); -1 for the others.
    /// </summary>
    public int EventId { get; init; } = -1;

    /// <summary>When the event was recorded.</summary>
    public DateTimeOffset Timestamp { get; init; }

    /// <summary>A short name of the event kind, used in messages and history views.</summary>
    [JsonIgnore]
    public abstract string Kind { get; }
}

/// <summary>Identifies the parent of a sub-orchestration and the step that is waiting for it.</summary>
/// <param name="InstanceId">The parent's instance id.</param>
/// <param name="ExecutionId">The parent's execution id.</param>
/// <param name="TaskId">The parent's step waiting for the result.</param>
/// <param name="Name">The parent's orchestration name.</param>
public sealed record ParentInstance(string InstanceId, string ExecutionId, int TaskId, string Name);

/// <summary>The first event of every execution: what to run and with which input.</summary>
public sealed record ExecutionStartedEvent : HistoryEvent
{
    /// <summary>The orchestration name.</summary>
    public required string Name { get; init; }

    /// <summary>The orchestration version the instance runs for its whole life.</summary>
    public string Version { get; init; } = string.Empty;

    /// <summary>The instance id.</summary>
    public required string InstanceId { get; init; }

    /// <summary>The execution id; a new one for every <c>ContinueAsNew</c>.</summary>
    public required string ExecutionId { get; init; }

    /// <summary>The serialized input.</summary>
    public string? Input { get; init; }

    /// <summary>The parent, when this is a sub-orchestration.</summary>
    public ParentInstance? Parent { get; init; }

    /// <summary>When the instance may start; null to start at once.</summary>
    public DateTimeOffset? ScheduledStartTime { get; init; }

    /// <summary>Tags such as a case id or a programme, used by instance queries.</summary>
    public IReadOnlyDictionary<string, string>? Tags { get; init; }

    /// <summary>Ids of events already delivered in earlier executions, so duplicates stay ignored after <c>ContinueAsNew</c>.</summary>
    public IReadOnlyList<string>? DeliveredEventIds { get; init; }

    /// <inheritdoc />
    public override string Kind => "ExecutionStarted";
}

/// <summary>Marks the start of an episode; its timestamp is the orchestration's current time during that episode.</summary>
public sealed record OrchestratorStartedEvent : HistoryEvent
{
    /// <inheritdoc />
    public override string Kind => "OrchestratorStarted";
}

/// <summary>The orchestrator scheduled an activity.</summary>
public sealed record TaskScheduledEvent : HistoryEvent
{
    /// <summary>The activity name.</summary>
    public required string Name { get; init; }

    /// <summary>The activity version, if any.</summary>
    public string Version { get; init; } = string.Empty;

    /// <summary>The serialized input.</summary>
    public string? Input { get; init; }

    /// <summary>The idempotency key handed to the activity: the same for every retry of one call.</summary>
    public required string IdempotencyKey { get; init; }

    /// <inheritdoc />
    public override string Kind => "TaskScheduled";
}

/// <summary>An activity returned a result.</summary>
public sealed record TaskCompletedEvent : HistoryEvent
{
    /// <summary>The <see cref="HistoryEvent.EventId"/> of the matching <see cref="TaskScheduledEvent"/>.</summary>
    public required int TaskScheduledId { get; init; }

    /// <summary>The serialized result.</summary>
    public string? Result { get; init; }

    /// <inheritdoc />
    public override string Kind => "TaskCompleted";
}

/// <summary>An activity failed.</summary>
public sealed record TaskFailedEvent : HistoryEvent
{
    /// <summary>The <see cref="HistoryEvent.EventId"/> of the matching <see cref="TaskScheduledEvent"/>.</summary>
    public required int TaskScheduledId { get; init; }

    /// <summary>What went wrong.</summary>
    public required FailureDetails FailureDetails { get; init; }

    /// <inheritdoc />
    public override string Kind => "TaskFailed";
}

/// <summary>The orchestrator created a durable timer.</summary>
public sealed record TimerCreatedEvent : HistoryEvent
{
    /// <summary>When the timer is due.</summary>
    public required DateTimeOffset FireAt { get; init; }

    /// <inheritdoc />
    public override string Kind => "TimerCreated";
}

/// <summary>A durable timer fired.</summary>
public sealed record TimerFiredEvent : HistoryEvent
{
    /// <summary>The <see cref="HistoryEvent.EventId"/> of the matching <see cref="TimerCreatedEvent"/>.</summary>
    public required int TimerId { get; init; }

    /// <summary>When the timer was due.</summary>
    public required DateTimeOffset FireAt { get; init; }

    /// <inheritdoc />
    public override string Kind => "TimerFired";
}

/// <summary>An external event was delivered to the instance.</summary>
public sealed record EventRaisedEvent : HistoryEvent
{
    /// <summary>The event name (matched case-insensitively).</summary>
    public required string Name { get; init; }

    /// <summary>The serialized payload.</summary>
    public string? Input { get; init; }

    /// <summary>A unique id of the raise request; a second delivery with the same id is ignored.</summary>
    public required string MessageId { get; init; }

    /// <inheritdoc />
    public override string Kind => "EventRaised";
}

/// <summary>The orchestrator sent an event to another instance.</summary>
public sealed record EventSentEvent : HistoryEvent
{
    /// <summary>The target instance id.</summary>
    public required string InstanceId { get; init; }

    /// <summary>The event name.</summary>
    public required string Name { get; init; }

    /// <summary>The serialized payload.</summary>
    public string? Input { get; init; }

    /// <inheritdoc />
    public override string Kind => "EventSent";
}

/// <summary>The orchestrator started a sub-orchestration.</summary>
public sealed record SubOrchestrationCreatedEvent : HistoryEvent
{
    /// <summary>The sub-orchestration name.</summary>
    public required string Name { get; init; }

    /// <summary>The requested version (empty for the newest).</summary>
    public string Version { get; init; } = string.Empty;

    /// <summary>The sub-orchestration's instance id.</summary>
    public required string InstanceId { get; init; }

    /// <summary>The serialized input.</summary>
    public string? Input { get; init; }

    /// <summary>Tags for the sub-orchestration.</summary>
    public IReadOnlyDictionary<string, string>? Tags { get; init; }

    /// <inheritdoc />
    public override string Kind => "SubOrchestrationCreated";
}

/// <summary>A sub-orchestration completed.</summary>
public sealed record SubOrchestrationCompletedEvent : HistoryEvent
{
    /// <summary>The <see cref="HistoryEvent.EventId"/> of the matching <see cref="SubOrchestrationCreatedEvent"/>.</summary>
    public required int TaskScheduledId { get; init; }

    /// <summary>The serialized result.</summary>
    public string? Result { get; init; }

    /// <inheritdoc />
    public override string Kind => "SubOrchestrationCompleted";
}

/// <summary>A sub-orchestration failed or was terminated.</summary>
public sealed record SubOrchestrationFailedEvent : HistoryEvent
{
    /// <summary>The <see cref="HistoryEvent.EventId"/> of the matching <see cref="SubOrchestrationCreatedEvent"/>.</summary>
    public required int TaskScheduledId { get; init; }

    /// <summary>What went wrong.</summary>
    public required FailureDetails FailureDetails { get; init; }

    /// <inheritdoc />
    public override string Kind => "SubOrchestrationFailed";
}

/// <summary>The instance was suspended: later events are kept and delivered on resume.</summary>
public sealed record ExecutionSuspendedEvent : HistoryEvent
{
    /// <summary>Why, as given by the caller.</summary>
    public string? Reason { get; init; }

    /// <inheritdoc />
    public override string Kind => "ExecutionSuspended";
}

/// <summary>The instance was resumed.</summary>
public sealed record ExecutionResumedEvent : HistoryEvent
{
    /// <summary>Why, as given by the caller.</summary>
    public string? Reason { get; init; }

    /// <inheritdoc />
    public override string Kind => "ExecutionResumed";
}

/// <summary>A terminate request.</summary>
public sealed record ExecutionTerminatedEvent : HistoryEvent
{
    /// <summary>Why, as given by the caller.</summary>
    public string? Reason { get; init; }

    /// <summary>Whether running sub-orchestrations are terminated too.</summary>
    public bool Recursive { get; init; }

    /// <inheritdoc />
    public override string Kind => "ExecutionTerminated";
}

/// <summary>The last event of an execution.</summary>
public sealed record ExecutionCompletedEvent : HistoryEvent
{
    /// <summary>Completed, Failed, Terminated or ContinuedAsNew.</summary>
    public required OrchestrationRuntimeStatus Status { get; init; }

    /// <summary>The serialized output (or, for ContinuedAsNew, the next execution's input).</summary>
    public string? Result { get; init; }

    /// <summary>What went wrong, for Failed.</summary>
    public FailureDetails? FailureDetails { get; init; }

    /// <inheritdoc />
    public override string Kind => "ExecutionCompleted";
}

/// <summary>
/// A failed instance was rewound: its final failure and the failed results of its last episode were
/// removed from history, and those steps run again. A marker for readers; replay ignores it.
/// </summary>
public sealed record ExecutionRewoundEvent : HistoryEvent
{
    /// <summary>Why, as given by the caller.</summary>
    public string? Reason { get; init; }

    /// <inheritdoc />
    public override string Kind => "ExecutionRewound";
}
