using Azure.Storage.Queues;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Workflows.Engine.AzureStorage;

namespace Workflows.Functions.Health;

/// <summary>
/// Health of the engine: storage answers, how many control partitions this host owns, and the queue
/// backlog (approximate message counts). Storage unreachable is Unhealthy; owning no partition is
/// Degraded (another host may own them all, or leases are being rebalanced).
/// </summary>
public sealed class EngineHealthCheck(AzureStorageOrchestrationBackend backend, QueueServiceClient queues) : IHealthCheck
{
    /// <inheritdoc />
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var data = new Dictionary<string, object>();
        long backlog = 0;
        try
        {
            foreach (var name in backend.QueueNames)
            {
                var properties = await queues.GetQueueClient(name).GetPropertiesAsync(cancellationToken).ConfigureAwait(false);
                data[$"queue.{name}"] = properties.Value.ApproximateMessagesCount;
                backlog += properties.Value.ApproximateMessagesCount;
            }
        }
        catch (Exception ex) when (ex is Azure.RequestFailedException or HttpRequestException or AggregateException)
        {
            return HealthCheckResult.Unhealthy("Storage does not answer.", data: data);
        }

        data["backlog"] = backlog;
        data["partitionsOwned"] = backend.OwnedPartitions.Count;
        data["hostId"] = backend.HostId;
        return backend.OwnedPartitions.Count == 0
            ? HealthCheckResult.Degraded("This host owns no control partition yet.", data: data)
            : HealthCheckResult.Healthy("Storage answers and this host owns partitions.", data);
    }
}
