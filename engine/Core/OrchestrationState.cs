namespace Workflows.Engine;

/// <summary>The status of an orchestration instance as stored by a backend and returned by the client.</summary>
public sealed record OrchestrationState
{
    /// <summary>The instance id.</summary>
    public required string InstanceId { get; init; }

    /// <summary>The current execution id (changes with every <c>ContinueAsNew</c>).</summary>
    public required string ExecutionId { get; init; }

    /// <summary>The orchestration name.</summary>
    public required string Name { get; init; }

    /// <summary>The orchestration version the instance runs.</summary>
    public string Version { get; init; } = string.Empty;

    /// <summary>The lifecycle status.</summary>
    public required OrchestrationRuntimeStatus RuntimeStatus { get; init; }

    /// <summary>When the instance was created.</summary>
    public required DateTimeOffset CreatedAt { get; init; }

    /// <summary>When the instance last changed.</summary>
    public required DateTimeOffset LastUpdatedAt { get; init; }

    /// <summary>When the instance reached a terminal status, if it has.</summary>
    public DateTimeOffset? CompletedAt { get; init; }

    /// <summary>When a scheduled instance may start.</summary>
    public DateTimeOffset? ScheduledStartTime { get; init; }

    /// <summary>The serialized input (only when requested).</summary>
    public string? Input { get; init; }

    /// <summary>The serialized output (only when requested).</summary>
    public string? Output { get; init; }

    /// <summary>The serialized custom status (small, free of personal data by convention).</summary>
    public string? CustomStatus { get; init; }

    /// <summary>What went wrong, when the instance failed.</summary>
    public FailureDetails? FailureDetails { get; init; }

    /// <summary>Tags given at start (case id, programme...), used by queries.</summary>
    public IReadOnlyDictionary<string, string> Tags { get; init; } = EmptyTags;

    /// <summary>The parent instance, for sub-orchestrations.</summary>
    public string? ParentInstanceId { get; init; }

    /// <summary>When the next durable timer of this instance is due, if it waits on one.</summary>
    public DateTimeOffset? NextTimerDueAt { get; init; }

    /// <summary>
    /// Why the instance cannot make progress right now, when it cannot (for example, its version is
    /// not registered on any running host). Null when nothing blocks it.
    /// </summary>
    public string? StuckReason { get; init; }

    /// <summary>How many events the current execution's history holds.</summary>
    public int HistoryLength { get; init; }

    private static readonly IReadOnlyDictionary<string, string> EmptyTags = new Dictionary<string, string>();
}
