using Azure.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Workflows.Engine.Client;
using Workflows.Engine.Hosting;

namespace Workflows.Engine.AzureStorage.Bench;

/// <summary>One in-process host (worker + client) on a task hub, with the operation counter in its SDK pipelines.</summary>
internal sealed class BenchHost : IAsyncDisposable
{
    private readonly IHost _host;

    private BenchHost(IHost host)
    {
        _host = host;
        Client = host.Services.GetRequiredService<OrchestrationClient>();
        Backend = host.Services.GetRequiredService<AzureStorageOrchestrationBackend>();
    }

    public OrchestrationClient Client { get; }

    public AzureStorageOrchestrationBackend Backend { get; }

    /// <summary>
    /// Starts a host. <paramref name="storage"/> runs after the bench's own settings; with a worker, the
    /// call returns once the host owns <paramref name="partitionsToOwn"/> partitions (0: at once).
    /// </summary>
    public static async Task<BenchHost> StartAsync(
        string connectionString,
        string taskHub,
        StorageOperationCounter counter,
        bool worker = true,
        Action<AzureStorageOptions>? storage = null,
        int partitionsToOwn = 4)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders();
        builder.Logging.AddSimpleConsole().SetMinimumLevel(LogLevel.Error);
        builder.Services.AddOrchestrationEngine(engine =>
        {
            BenchWorkload.Register(engine);
            engine.UseAzureStorage(o =>
            {
                o.ConnectionString = connectionString;
                o.TaskHub = taskHub;
                o.LeaseAcquireInterval = TimeSpan.FromSeconds(1);
                o.ConfigureClientOptions = options => options.AddPolicy(counter, HttpPipelinePosition.PerCall);
                storage?.Invoke(o);
            });
            engine.Configure(o =>
            {
                o.MaxConcurrentOrchestrations = 64;
                o.MaxConcurrentActivities = 64;
            });
            if (worker)
            {
                engine.AddWorker();
            }
        });
        var host = builder.Build();
        await host.StartAsync().ConfigureAwait(false);
        var bench = new BenchHost(host);
        if (worker && partitionsToOwn > 0)
        {
            var deadline = DateTime.UtcNow.AddSeconds(60);
            while (bench.Backend.OwnedPartitions.Count < partitionsToOwn && DateTime.UtcNow < deadline)
            {
                await Task.Delay(100).ConfigureAwait(false);
            }

            // Let the partition readers drain their (empty) queues so local dispatch is on.
            await Task.Delay(1000).ConfigureAwait(false);
        }

        return bench;
    }

    public async Task<OrchestrationState> WaitAsync(string id)
    {
        StorageOperationCounter.Suppress();
        while (true)
        {
            var state = await Client.GetInstanceAsync(id).ConfigureAwait(false);
            if (state is not null && state.RuntimeStatus.IsTerminal())
            {
                return state;
            }

            await Task.Delay(5).ConfigureAwait(false);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync().ConfigureAwait(false);
        _host.Dispose();
    }
}
