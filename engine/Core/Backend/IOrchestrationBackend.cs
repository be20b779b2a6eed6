namespace Workflows.Engine.Backend;

/// <summary>
/// The storage and dispatch contract of the engine. A backend stores instance status and history,
/// queues messages, and hands work items to workers; everything else (replay, retries, timers'
/// meaning, event matching) lives in the engine. Implementations: the in-memory backend of
/// Workflows.Engine.Testing and the Azure Storage backend. Both pass the same conformance suite.
/// </summary>
/// <remarks>
/// Guarantees a backend must give:
/// <list type="bullet">
/// <item>At most one worker holds a work item for a given instance at a time; if two ever do (lost
/// lease, split brain), only one <see cref="CompleteOrchestrationWorkItemAsync"/> succeeds and the
/// other throws <see cref="WorkItemLostException"/>, leaving the history unforked.</item>
/// <item>A checkpoint is atomic as observed by readers of history and status: either all new events
/// and the new status are visible, or none.</item>
/// <item>Messages are delivered at least once; the engine tolerates duplicates.</item>
/// <item>Timer messages are not delivered before their <see cref="OrchestrationMessage.VisibleAt"/>.</item>
/// </list>
/// </remarks>
public interface IOrchestrationBackend
{
    /// <summary>
    /// Creates an instance (status Pending) and queues its start message. Throws
    /// <see cref="OrchestrationException"/> with <see cref="OrchestrationErrorCode.InstanceAlreadyExists"/>
    /// when an instance with that id exists in one of <paramref name="dedupeStatuses"/>; an existing
    /// instance in another status is replaced (its history is discarded).
    /// </summary>
    Task CreateInstanceAsync(
        OrchestrationMessage startMessage,
        IReadOnlyCollection<OrchestrationRuntimeStatus> dedupeStatuses,
        CancellationToken cancellationToken = default);

    /// <summary>Queues a message for an existing instance (event, terminate, suspend, resume).</summary>
    Task SendMessageAsync(OrchestrationMessage message, CancellationToken cancellationToken = default);

    /// <summary>Reads an instance's status, or null if there is no such instance.</summary>
    Task<OrchestrationState?> GetStateAsync(string instanceId, bool includePayloads, CancellationToken cancellationToken = default);

    /// <summary>Reads the current execution's history, in order (empty if none).</summary>
    Task<IReadOnlyList<History.HistoryEvent>> GetHistoryAsync(string instanceId, CancellationToken cancellationToken = default);

    /// <summary>Lists instances matching a query, newest first, one page at a time, without scanning every instance.</summary>
    Task<InstancePage> QueryInstancesAsync(InstanceQuery query, CancellationToken cancellationToken = default);

    /// <summary>
    /// Counts the instances matching a query exactly, broken down as the query asks (groups with no
    /// instance left out), without reading any instance's status or history: from index entries only.
    /// </summary>
    Task<IReadOnlyList<InstanceCount>> CountInstancesAsync(InstanceCountQuery query, CancellationToken cancellationToken = default);

    /// <summary>Deletes an instance in a terminal status with its history and pending messages; false if none was deleted.</summary>
    Task<bool> PurgeInstanceAsync(string instanceId, CancellationToken cancellationToken = default);

    /// <summary>Deletes terminal instances matching a filter, up to <see cref="PurgeFilter.MaxInstances"/> per call.</summary>
    Task<PurgeResult> PurgeInstancesAsync(PurgeFilter filter, CancellationToken cancellationToken = default);

    /// <summary>
    /// Locks the next instance with deliverable messages and returns its work item, or null when there
    /// is none. May wait a short, backend-defined time for work before returning null.
    /// </summary>
    Task<OrchestrationWorkItem?> LockNextOrchestrationWorkItemAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// Commits an episode. Throws <see cref="WorkItemLostException"/> when another worker committed
    /// for the instance since the work item was locked (nothing is written in that case).
    /// </summary>
    Task CompleteOrchestrationWorkItemAsync(OrchestrationWorkItem workItem, OrchestrationCheckpoint checkpoint, CancellationToken cancellationToken = default);

    /// <summary>
    /// Gives a work item back without committing: its messages are delivered again, not before
    /// <paramref name="retryAt"/> when given. <paramref name="stuckReason"/>, when given, is stored in the
    /// instance status so operators can see why it does not progress.
    /// </summary>
    Task AbandonOrchestrationWorkItemAsync(OrchestrationWorkItem workItem, DateTimeOffset? retryAt = null, string? stuckReason = null, CancellationToken cancellationToken = default);

    /// <summary>Locks the next activity to run, or null when there is none (may wait briefly).</summary>
    Task<ActivityWorkItem?> LockNextActivityWorkItemAsync(CancellationToken cancellationToken = default);

    /// <summary>Completes an activity: removes the work item and queues its result message for the instance.</summary>
    Task CompleteActivityWorkItemAsync(ActivityWorkItem workItem, OrchestrationMessage result, CancellationToken cancellationToken = default);

    /// <summary>Gives an activity back to be run again, not before <paramref name="retryAt"/> when given.</summary>
    Task AbandonActivityWorkItemAsync(ActivityWorkItem workItem, DateTimeOffset? retryAt = null, CancellationToken cancellationToken = default);
}
