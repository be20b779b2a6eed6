using System.Diagnostics;

namespace Workflows.Engine.AzureStorage.Bench;

/// <summary>"Running instances of one orchestration name, newest first, page of 50" among many stored instances.</summary>
internal static class QueryBench
{
    private const int Names = 10;

    public static async Task<(double P50, double P95, double RequestsPerPage)> RunAsync(string connectionString, StorageOperationCounter counter, int instances, Action<string> log)
    {
        await using var host = await BenchHost.StartAsync(connectionString, "query" + Guid.NewGuid().ToString("N")[..8], counter, worker: false).ConfigureAwait(false);
        var origin = DateTimeOffset.UtcNow.AddDays(-30);
        var seeded = 0;
        var watch = Stopwatch.StartNew();
        using var throttle = new SemaphoreSlim(64);
        await Task.WhenAll(Enumerable.Range(0, instances).Select(async i =>
        {
            await throttle.WaitAsync().ConfigureAwait(false);
            try
            {
                // One in ten running, one in twenty failed, the rest completed, over ten names.
                var status = i % 10 == 0 ? OrchestrationRuntimeStatus.Running : i % 20 == 1 ? OrchestrationRuntimeStatus.Failed : OrchestrationRuntimeStatus.Completed;
                var created = origin.AddSeconds(i * 20);
                await host.Backend.SeedAsync(new OrchestrationState
                {
                    InstanceId = $"q{i:D7}",
                    ExecutionId = Guid.NewGuid().ToString("N"),
                    Name = $"Bench.Query{i / 10 % Names}",
                    RuntimeStatus = status,
                    CreatedAt = created,
                    LastUpdatedAt = created,
                    Input = "\"case-" + i + "\"",
                }).ConfigureAwait(false);
                if (Interlocked.Increment(ref seeded) % 10_000 == 0)
                {
                    log($"  seeded {seeded} instances ({watch.Elapsed.TotalSeconds:F0} s)");
                }
            }
            finally
            {
                throttle.Release();
            }
        })).ConfigureAwait(false);

        var samples = new List<double>();
        counter.Reset();
        for (var q = 0; q < 50; q++)
        {
            var start = Stopwatch.GetTimestamp();
            var page = await host.Client.QueryInstancesAsync(new InstanceQuery
            {
                Name = $"Bench.Query{q % Names}",
                RuntimeStatus = [OrchestrationRuntimeStatus.Running],
                PageSize = 50,
            }).ConfigureAwait(false);
            samples.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
            if (page.Instances.Count != 50 || page.Instances.Any(s => s.RuntimeStatus != OrchestrationRuntimeStatus.Running))
            {
                throw new InvalidOperationException("The query returned the wrong page.");
            }
        }

        var requests = counter.Snapshot().Values.Sum() / 50.0;
        samples.Sort();
        return (LatencyProbe.Percentile(samples, 0.50), LatencyProbe.Percentile(samples, 0.95), requests);
    }
}
