using Microsoft.Extensions.Hosting;

namespace Workflows.Storage;

/// <summary>Creates every store's tables and containers at start-up.</summary>
public sealed class StoreInitializerService(IEnumerable<IStoreInitializer> stores) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        foreach (var store in stores)
        {
            await store.InitializeAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
