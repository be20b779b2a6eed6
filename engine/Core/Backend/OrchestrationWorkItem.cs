using Workflows.Engine.History;

namespace Workflows.Engine.Backend;

/// <summary>
/// An episode's worth of work for one instance: its current history and the messages that arrived
/// since the last checkpoint. A backend hands it to exactly one worker at a time.
/// </summary>
public sealed class OrchestrationWorkItem
{
    /// <summary>The instance id.</summary>
    public required string InstanceId { get; init; }

    /// <summary>The current execution's history, in order.</summary>
    public required IReadOnlyList<HistoryEvent> History { get; init; }

    /// <summary>The messages to process, in arrival order.</summary>
    public required IReadOnlyList<OrchestrationMessage> Messages { get; init; }

    /// <summary>The stored instance status, if the instance exists.</summary>
    public OrchestrationState? State { get; init; }

    /// <summary>Backend-specific data (ETags, message receipts, leases).</summary>
    public object? BackendState { get; init; }
}
