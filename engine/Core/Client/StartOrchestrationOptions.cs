namespace Workflows.Engine.Client;

/// <summary>Options for starting an instance.</summary>
public sealed record StartOrchestrationOptions
{
    /// <summary>The instance id; null for a new random id. Use a business key to make starts idempotent.</summary>
    public string? InstanceId { get; init; }

    /// <summary>The version to run; null for the newest registered.</summary>
    public string? Version { get; init; }

    /// <summary>When to start; null or a past time for at once. The instance is Pending until then.</summary>
    public DateTimeOffset? StartAt { get; init; }

    /// <summary>Tags (for example a case id, a programme, a facility) that instance queries can filter on. Ids only: no personal data.</summary>
    public IReadOnlyDictionary<string, string>? Tags { get; init; }

    /// <summary>Statuses of an existing instance with the same id that make the start fail; null for Pending, Running, Suspended.</summary>
    public IReadOnlyCollection<OrchestrationRuntimeStatus>? DedupeStatuses { get; init; }
}
