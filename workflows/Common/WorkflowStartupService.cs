using Microsoft.Extensions.Hosting;
using Workflows.Policies;
using Workflows.Storage;

namespace Workflows;

/// <summary>At start-up: loads and validates the policy (an invalid file stops the host with a message naming the entry) and creates missing tables and containers.</summary>
public sealed class WorkflowStartupService(IPolicyProvider policies, IEnumerable<IStoreInitializer> stores) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        GC.KeepAlive(policies);
        foreach (var store in stores)
        {
            await store.InitializeAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
