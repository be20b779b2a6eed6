using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Workflows.Engine.Backend;
using Workflows.Engine.Diagnostics;

namespace Workflows.Engine.Hosting;

/// <summary>
/// Pulls work items from the backend and runs them, up to the configured concurrency. On shutdown it
/// stops taking work and lets in-flight work finish (activities see cancellation).
/// </summary>
internal sealed class OrchestrationDispatcher(
    IOrchestrationBackend backend,
    OrchestrationWorker worker,
    IOptions<EngineOptions> options,
    ILogger<OrchestrationDispatcher> logger) : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(
            RunLoopAsync(options.Value.MaxConcurrentOrchestrations, backend.LockNextOrchestrationWorkItemAsync, worker.ProcessOrchestrationWorkItemAsync, stoppingToken),
            RunLoopAsync(options.Value.MaxConcurrentActivities, backend.LockNextActivityWorkItemAsync, worker.ProcessActivityWorkItemAsync, stoppingToken));

    private async Task RunLoopAsync<T>(
        int concurrency,
        Func<CancellationToken, Task<T?>> lockNext,
        Func<T, CancellationToken, Task> process,
        CancellationToken stoppingToken)
        where T : class
    {
        using var slots = new SemaphoreSlim(Math.Max(1, concurrency));
        var inFlight = new HashSet<Task>();
        var gate = new Lock();
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await slots.WaitAsync(stoppingToken).ConfigureAwait(false);
                T? item;
                try
                {
                    item = await lockNext(stoppingToken).ConfigureAwait(false);
                }
                catch
                {
                    slots.Release();
                    throw;
                }

                if (item is null)
                {
                    slots.Release();
                    continue;
                }

                var task = Task.Run(
                    async () =>
                    {
                        try
                        {
                            await process(item, stoppingToken).ConfigureAwait(false);
                        }
                        catch (Exception ex) when (ex is not OperationCanceledException)
                        {
                            EngineLog.WorkerLoopError(logger, ex);
                        }
                        finally
                        {
                            slots.Release();
                        }
                    },
                    CancellationToken.None);
                lock (gate)
                {
                    inFlight.Add(task);
                }

                _ = task.ContinueWith(
                    t =>
                    {
                        lock (gate)
                        {
                            inFlight.Remove(t);
                        }
                    },
                    CancellationToken.None,
                    TaskContinuationOptions.ExecuteSynchronously,
                    TaskScheduler.Default);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception ex)
            {
                EngineLog.WorkerLoopError(logger, ex);
                await Task.Delay(TimeSpan.FromSeconds(1), CancellationToken.None).ConfigureAwait(false);
            }
        }

        Task[] remaining;
        lock (gate)
        {
            remaining = [.. inFlight];
        }

        await Task.WhenAll(remaining).ConfigureAwait(false);
    }
}
