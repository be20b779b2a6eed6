using System.Diagnostics;

namespace Workflows.Engine.AzureStorage.Bench;

/// <summary>
/// Queries and counts among many stored instances: (a) running instances of one name, newest first,
/// page of 50; (b) one name at one busy facility, page of 50; (c) exact count by name and status;
/// (d) the dashboard's 30-day histogram (30 daily buckets of instances started, per name and status,
/// and of instances completed).
/// </summary>
internal static class QueryBench
{
    private const int Names = 10;
    private const string Rare = "Bench.Rare";
    private static readonly DateTimeOffset Today = new(DateTime.UtcNow.Date, TimeSpan.Zero);
    private static readonly DateTimeOffset Origin = Today.AddDays(-29);

    public static async Task<IReadOnlyList<QueryMeasure>> RunAsync(string connectionString, StorageOperationCounter counter, int instances, Action<string> log)
    {
        await using var host = await BenchHost.StartAsync(connectionString, "query" + Guid.NewGuid().ToString("N")[..8], counter, worker: false).ConfigureAwait(false);
        var seeded = await SeedAsync(host, instances, log).ConfigureAwait(false);
        var measures = new List<QueryMeasure>();
        var client = host.Client;

        measures.Add(await MeasureAsync("(a) running of one name, newest first, page of 50", 50, counter, async q =>
        {
            var page = await client.QueryInstancesAsync(new InstanceQuery { Name = $"Bench.Query{q % Names}", RuntimeStatus = [OrchestrationRuntimeStatus.Running], PageSize = 50 }).ConfigureAwait(false);
            Require(page.Instances.Count == 50 && page.Instances.All(s => s.RuntimeStatus == OrchestrationRuntimeStatus.Running), "(a) returned the wrong page.");
        }).ConfigureAwait(false));

        measures.Add(await MeasureAsync($"(b) one name at a facility of {seeded.AtFacility} holding {seeded.RareAtFacility} of it, page of 50", 50, counter, async _ =>
        {
            var page = await client.QueryInstancesAsync(new InstanceQuery { Name = Rare, Tags = Seeded.Facility, PageSize = 50 }).ConfigureAwait(false);
            Require(page.Instances.Count == Math.Min(50, seeded.RareAtFacility) && page.Instances.All(s => s.Name == Rare && s.Tags["facility"] == "f-busy"), "(b) returned the wrong page.");
        }).ConfigureAwait(false));

        measures.Add(await MeasureAsync("(c) exact count by name and status", 20, counter, async q =>
        {
            var name = $"Bench.Query{q % Names}";
            var count = await client.CountInstancesAsync(new InstanceQuery { Name = name, RuntimeStatus = [OrchestrationRuntimeStatus.Completed] }).ConfigureAwait(false);
            Require(count == seeded.Completed[name], $"(c) counted {count} completed {name}, expected {seeded.Completed[name]}.");
        }).ConfigureAwait(false));

        var names = Enumerable.Range(0, Names).Select(n => $"Bench.Query{n}").Append(Rare).ToArray();
        measures.Add(await MeasureAsync("(d) 30-day histogram, 30 daily buckets (started by name and status, completed)", 10, counter, async _ =>
        {
            var day = TimeSpan.FromDays(1);
            var started = client.CountInstancesAsync(new InstanceCountQuery { Names = names, From = Origin, To = Today.AddDays(1), BucketSize = day, ByName = true, ByStatus = true });
            var completed = client.CountInstancesAsync(new InstanceCountQuery { Names = names, TimeField = InstanceTimeField.Completed, From = Origin, To = Today.AddDays(1), BucketSize = day });
            await Task.WhenAll(started, completed).ConfigureAwait(false);
            Require((await started.ConfigureAwait(false)).Sum(c => c.Count) == instances, "(d) did not count every instance started.");
            Require((await completed.ConfigureAwait(false)).Sum(c => c.Count) == seeded.Finished, "(d) did not count every instance completed.");
        }).ConfigureAwait(false));

        return measures;
    }

    private static async Task<QueryMeasure> MeasureAsync(string label, int runs, StorageOperationCounter counter, Func<int, Task> run)
    {
        await run(0).ConfigureAwait(false);
        var samples = new List<double>();
        counter.Reset();
        for (var q = 0; q < runs; q++)
        {
            var start = Stopwatch.GetTimestamp();
            await run(q).ConfigureAwait(false);
            samples.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
        }

        var requests = counter.Snapshot().Values.Sum() / (double)runs;
        samples.Sort();
        return new QueryMeasure(label, LatencyProbe.Percentile(samples, 0.50), LatencyProbe.Percentile(samples, 0.95), requests);
    }

    /// <summary>
    /// Instances over the last 29 days, every 20 s (older than the range never, so the histogram counts
    /// them all): ten names, one in ten running, one in twenty failed, the rest completed ten minutes after
    /// their start. One in five sits at the busy facility ("facility" tag), and one in a hundred of those is
    /// of the rare name; the others carry no tags.
    /// </summary>
    private static async Task<Seeded> SeedAsync(BenchHost host, int instances, Action<string> log)
    {
        var step = TimeSpan.FromDays(29).Ticks / instances;
        var seeded = new Seeded();
        var done = 0;
        var watch = Stopwatch.StartNew();
        using var throttle = new SemaphoreSlim(64);
        await Task.WhenAll(Enumerable.Range(0, instances).Select(async i =>
        {
            await throttle.WaitAsync().ConfigureAwait(false);
            try
            {
                var state = seeded.Describe(i, Origin.AddTicks(step * i));
                await host.Backend.SeedAsync(state).ConfigureAwait(false);
                if (Interlocked.Increment(ref done) % 10_000 == 0)
                {
                    log($"  seeded {done} instances ({watch.Elapsed.TotalSeconds:F0} s)");
                }
            }
            finally
            {
                throttle.Release();
            }
        })).ConfigureAwait(false);
        return seeded;
    }

    private static void Require(bool condition, string message)
    {
        if (!condition)
        {
            throw new InvalidOperationException(message);
        }
    }

    /// <summary>What was seeded, to check every answer against.</summary>
    private sealed class Seeded
    {
        public static readonly Dictionary<string, string> Facility = new() { ["facility"] = "f-busy" };

        private readonly Lock _gate = new();

        public Dictionary<string, long> Completed { get; } = [];

        public int AtFacility { get; private set; }

        public int RareAtFacility { get; private set; }

        public long Finished { get; private set; }

        public OrchestrationState Describe(int i, DateTimeOffset created)
        {
            var status = i % 10 == 0 ? OrchestrationRuntimeStatus.Running : i % 20 == 1 ? OrchestrationRuntimeStatus.Failed : OrchestrationRuntimeStatus.Completed;
            var atFacility = i % 5 == 0;
            // One in a hundred of the facility's, alternately running and completed.
            var rare = atFacility && i / 5 % 100 == i / 500 % 2;
            var name = rare ? Rare : $"Bench.Query{i / 10 % Names}";
            lock (_gate)
            {
                AtFacility += atFacility ? 1 : 0;
                RareAtFacility += name == Rare ? 1 : 0;
                Finished += status.IsTerminal() ? 1 : 0;
                Completed[name] = Completed.GetValueOrDefault(name) + (status == OrchestrationRuntimeStatus.Completed ? 1 : 0);
            }

            return new OrchestrationState
            {
                InstanceId = $"q{i:D7}",
                ExecutionId = Guid.NewGuid().ToString("N"),
                Name = name,
                RuntimeStatus = status,
                CreatedAt = created,
                LastUpdatedAt = created,
                CompletedAt = status.IsTerminal() ? created.AddMinutes(10) : null,
                Input = "\"case-" + i + "\"",
                Tags = atFacility ? Facility : new Dictionary<string, string>(),
            };
        }
    }
}

/// <summary>One query measured: latency percentiles and storage requests per run.</summary>
internal sealed record QueryMeasure(string Label, double P50, double P95, double RequestsPerRun);
