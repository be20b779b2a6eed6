using Workflows.Engine.Backend;
using Workflows.Engine.History;

namespace Workflows.Engine.AzureStorage.Tests;

/// <summary>Passes everything to a backend and counts checkpoint outcomes.</summary>
internal sealed class RecordingBackend(IOrchestrationBackend inner) : IOrchestrationBackend
{
    private int _committed;
    private int _lost;

    public int Committed => Volatile.Read(ref _committed);

    public int Lost => Volatile.Read(ref _lost);

    public void Reset()
    {
        _committed = 0;
        _lost = 0;
    }

    public async Task CompleteOrchestrationWorkItemAsync(OrchestrationWorkItem workItem, OrchestrationCheckpoint checkpoint, CancellationToken cancellationToken = default)
    {
        try
        {
            await inner.CompleteOrchestrationWorkItemAsync(workItem, checkpoint, cancellationToken);
            Interlocked.Increment(ref _committed);
        }
        catch (WorkItemLostException)
        {
            Interlocked.Increment(ref _lost);
            throw;
        }
    }

    public Task CreateInstanceAsync(OrchestrationMessage startMessage, IReadOnlyCollection<OrchestrationRuntimeStatus> dedupeStatuses, CancellationToken cancellationToken = default) => inner.CreateInstanceAsync(startMessage, dedupeStatuses, cancellationToken);

    public Task SendMessageAsync(OrchestrationMessage message, CancellationToken cancellationToken = default) => inner.SendMessageAsync(message, cancellationToken);

    public Task<OrchestrationState?> GetStateAsync(string instanceId, bool includePayloads, CancellationToken cancellationToken = default) => inner.GetStateAsync(instanceId, includePayloads, cancellationToken);

    public Task<IReadOnlyList<HistoryEvent>> GetHistoryAsync(string instanceId, CancellationToken cancellationToken = default) => inner.GetHistoryAsync(instanceId, cancellationToken);

    public Task<InstancePage> QueryInstancesAsync(InstanceQuery query, CancellationToken cancellationToken = default) => inner.QueryInstancesAsync(query, cancellationToken);

    public Task<IReadOnlyList<InstanceCount>> CountInstancesAsync(InstanceCountQuery query, CancellationToken cancellationToken = default) => inner.CountInstancesAsync(query, cancellationToken);

    public Task<bool> PurgeInstanceAsync(string instanceId, CancellationToken cancellationToken = default) => inner.PurgeInstanceAsync(instanceId, cancellationToken);

    public Task<PurgeResult> PurgeInstancesAsync(PurgeFilter filter, CancellationToken cancellationToken = default) => inner.PurgeInstancesAsync(filter, cancellationToken);

    public Task<OrchestrationWorkItem?> LockNextOrchestrationWorkItemAsync(CancellationToken cancellationToken = default) => inner.LockNextOrchestrationWorkItemAsync(cancellationToken);

    public Task AbandonOrchestrationWorkItemAsync(OrchestrationWorkItem workItem, DateTimeOffset? retryAt = null, string? stuckReason = null, CancellationToken cancellationToken = default) => inner.AbandonOrchestrationWorkItemAsync(workItem, retryAt, stuckReason, cancellationToken);

    public Task<ActivityWorkItem?> LockNextActivityWorkItemAsync(CancellationToken cancellationToken = default) => inner.LockNextActivityWorkItemAsync(cancellationToken);

    public Task CompleteActivityWorkItemAsync(ActivityWorkItem workItem, OrchestrationMessage result, CancellationToken cancellationToken = default) => inner.CompleteActivityWorkItemAsync(workItem, result, cancellationToken);

    public Task AbandonActivityWorkItemAsync(ActivityWorkItem workItem, DateTimeOffset? retryAt = null, CancellationToken cancellationToken = default) => inner.AbandonActivityWorkItemAsync(workItem, retryAt, cancellationToken);
}
