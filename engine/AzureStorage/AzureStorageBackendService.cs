using Microsoft.Extensions.Hosting;

namespace Workflows.Engine.AzureStorage;

/// <summary>
/// Ties the backend to the host's lifetime: when the host starts stopping, the backend stops taking
/// work; when it stops, in-flight episodes finish (or are abandoned after the shutdown timeout),
/// held messages are given back and partition leases are released.
/// </summary>
internal sealed class AzureStorageBackendService(AzureStorageOrchestrationBackend backend) : IHostedLifecycleService
{
    public Task StartingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppingAsync(CancellationToken cancellationToken)
    {
        backend.BeginShutdown();
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => backend.ShutdownAsync(cancellationToken);

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
