using Workflows.Engine;
using Workflows.Engine.Backend;

namespace Workflows.Functions.Tests;

/// <summary>
/// A backend double for the UI's queries: a test overrides the queries it answers; anything that would run
/// an orchestration throws, so a test that reaches it fails loudly.
/// </summary>
internal abstract class QueryOnlyBackend : IOrchestrationBackend
{
    public virtual Task<InstancePage> QueryInstancesAsync(InstanceQuery query, CancellationToken cancellationToken = default) => throw new NotSupportedException();

    public virtual Task<IReadOnlyList<InstanceCount>> CountInstancesAsync(InstanceCountQuery query, CancellationToken cancellationToken = default) => throw new NotSupportedException();

    public Task CreateInstanceAsync(OrchestrationMessage startMessage, IReadOnlyCollection<OrchestrationRuntimeStatus> dedupeStatuses, CancellationToken cancellationToken = default) => throw new NotSupportedException();

    public Task SendMessageAsync(OrchestrationMessage message, CancellationToken cancellationToken = default) => throw new NotSupportedException();

    public Task<OrchestrationState?> GetStateAsync(string instanceId, bool includePayloads, CancellationToken cancellationToken = default) => throw new NotSupportedException();

    public Task<IReadOnlyList<Engine.History.HistoryEvent>> GetHistoryAsync(string instanceId, CancellationToken cancellationToken = default) => throw new NotSupportedException();

    public Task<bool> PurgeInstanceAsync(string instanceId, CancellationToken cancellationToken = default) => throw new NotSupportedException();

    public Task<PurgeResult> PurgeInstancesAsync(PurgeFilter filter, CancellationToken cancellationToken = default) => throw new NotSupportedException();

    public Task<OrchestrationWorkItem?> LockNextOrchestrationWorkItemAsync(CancellationToken cancellationToken = default) => throw new NotSupportedException();

    public Task CompleteOrchestrationWorkItemAsync(OrchestrationWorkItem workItem, OrchestrationCheckpoint checkpoint, CancellationToken cancellationToken = default) => throw new NotSupportedException();

    public Task AbandonOrchestrationWorkItemAsync(OrchestrationWorkItem workItem, DateTimeOffset? retryAt = null, string? stuckReason = null, CancellationToken cancellationToken = default) => throw new NotSupportedException();

    public Task<ActivityWorkItem?> LockNextActivityWorkItemAsync(CancellationToken cancellationToken = default) => throw new NotSupportedException();

    public Task CompleteActivityWorkItemAsync(ActivityWorkItem workItem, OrchestrationMessage result, CancellationToken cancellationToken = default) => throw new NotSupportedException();

    public Task AbandonActivityWorkItemAsync(ActivityWorkItem workItem, DateTimeOffset? retryAt = null, CancellationToken cancellationToken = default) => throw new NotSupportedException();
}
