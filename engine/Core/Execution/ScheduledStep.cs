using Workflows.Engine.History;

namespace Workflows.Engine.Execution;

/// <summary>A durable step the orchestrator code took, identified by its sequence number.</summary>
internal abstract class ScheduledStep(int id)
{
    public int Id { get; } = id;

    /// <summary>True once the scheduling event for this step has been matched in (or written to) history.</summary>
    public bool InHistory { get; set; }

    /// <summary>True once a result for this step is in history (guards against duplicate deliveries).</summary>
    public bool ResultRecorded { get; set; }

    /// <summary>True while the code may still be waiting on the step.</summary>
    public abstract bool IsOpen { get; }

    /// <summary>A description for non-determinism messages: kind and name.</summary>
    public abstract string Describe();

    /// <summary>The history event that records this step being scheduled.</summary>
    public abstract HistoryEvent ToScheduledEvent(DateTimeOffset timestamp);

    /// <summary>Whether a history event records this same step.</summary>
    public abstract bool Matches(HistoryEvent scheduledEvent);
}

internal sealed class ActivityStep(int id, string name, string version, string? input, string idempotencyKey) : ScheduledStep(id)
{
    public string Name { get; } = name;

    public string Version { get; } = version;

    public string? Input { get; } = input;

    public string IdempotencyKey { get; } = idempotencyKey;

    public TaskCompletionSource<string?> Completion { get; } = new();

    public override bool IsOpen => !Completion.Task.IsCompleted;

    public override string Describe() => $"CallActivity '{Name}'";

    public override HistoryEvent ToScheduledEvent(DateTimeOffset timestamp) => new TaskScheduledEvent
    {
        EventId = Id,
        Timestamp = timestamp,
        Name = Name,
        Version = Version,
        Input = Input,
        IdempotencyKey = IdempotencyKey,
    };

    public override bool Matches(HistoryEvent scheduledEvent) =>
        scheduledEvent is TaskScheduledEvent e && string.Equals(e.Name, Name, StringComparison.OrdinalIgnoreCase);
}

internal sealed class TimerStep(int id, DateTimeOffset fireAt) : ScheduledStep(id)
{
    public DateTimeOffset FireAt { get; } = fireAt;

    public TaskCompletionSource Completion { get; } = new();

    public bool Cancelled { get; set; }

    public override bool IsOpen => !Completion.Task.IsCompleted;

    public override string Describe() => "CreateTimer";

    public override HistoryEvent ToScheduledEvent(DateTimeOffset timestamp) =>
        new TimerCreatedEvent { EventId = Id, Timestamp = timestamp, FireAt = FireAt };

    public override bool Matches(HistoryEvent scheduledEvent) => scheduledEvent is TimerCreatedEvent;
}

internal sealed class SubOrchestrationStep(int id, string name, string version, string instanceId, string? input, IReadOnlyDictionary<string, string>? tags)
    : ScheduledStep(id)
{
    public string Name { get; } = name;

    public string Version { get; } = version;

    public string InstanceId { get; } = instanceId;

    public string? Input { get; } = input;

    public IReadOnlyDictionary<string, string>? Tags { get; } = tags;

    public TaskCompletionSource<string?> Completion { get; } = new();

    public override bool IsOpen => !Completion.Task.IsCompleted;

    public override string Describe() => $"CallSubOrchestration '{Name}'";

    public override HistoryEvent ToScheduledEvent(DateTimeOffset timestamp) => new SubOrchestrationCreatedEvent
    {
        EventId = Id,
        Timestamp = timestamp,
        Name = Name,
        Version = Version,
        InstanceId = InstanceId,
        Input = Input,
        Tags = Tags,
    };

    public override bool Matches(HistoryEvent scheduledEvent) =>
        scheduledEvent is SubOrchestrationCreatedEvent e && string.Equals(e.Name, Name, StringComparison.OrdinalIgnoreCase);
}

internal sealed class SendEventStep(int id, string instanceId, string name, string? input) : ScheduledStep(id)
{
    public string InstanceId { get; } = instanceId;

    public string Name { get; } = name;

    public string? Input { get; } = input;

    public override bool IsOpen => false;

    public override string Describe() => $"SendEvent '{Name}'";

    public override HistoryEvent ToScheduledEvent(DateTimeOffset timestamp) =>
        new EventSentEvent { EventId = Id, Timestamp = timestamp, InstanceId = InstanceId, Name = Name, Input = Input };

    public override bool Matches(HistoryEvent scheduledEvent) =>
        scheduledEvent is EventSentEvent e && string.Equals(e.Name, Name, StringComparison.OrdinalIgnoreCase);
}
