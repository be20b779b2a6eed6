using System.Diagnostics;
using System.Globalization;
using Workflows.Engine.AzureStorage;
using Workflows.Engine.AzureStorage.Bench;
using Workflows.Engine.AzureStorage.CrashHost;
using Workflows.Testing.Azurite;

// One command: dotnet run -c Release --project bench/Engine.AzureStorage.Bench [-- --quick] [--only orchestrations,query,crash,timers,takeover]
var quick = args.Contains("--quick");
var onlyAt = Array.IndexOf(args, "--only");
var sections = onlyAt >= 0 && onlyAt + 1 < args.Length
    ? args[onlyAt + 1].Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToHashSet(StringComparer.OrdinalIgnoreCase)
    : null;
bool Runs(string section) => sections is null || sections.Contains(section);
var throughputCount = quick ? 100 : 500;
var queryInstances = quick ? 10_000 : 100_000;
var crashOrchestrations = quick ? 100 : 500;
var crashKills = quick ? 2 : 5;
var rows = new List<(string Section, string Measure, string Value)>();
void Row(string section, string measure, string value)
{
    rows.Add((section, measure, value));
    Console.WriteLine($"  {section,-28} {measure,-52} {value}");
}

static string F(double value, string format = "F1") => value.ToString(format, CultureInfo.InvariantCulture);

Console.WriteLine($"Starting Azurite (in memory){(quick ? ", quick mode" : string.Empty)}...");
await using var azurite = await AzuriteProcess.StartAsync();
var counter = new StorageOperationCounter(azurite.BlobPort, azurite.QueuePort, azurite.TablePort);
var connection = azurite.ConnectionString;

if (Runs("orchestrations"))
{
    // 1. Azurite's raw rate: the same kinds of requests the backend makes, at the same concurrency.
    var raw = await RawRate.MeasureAsync(connection, TimeSpan.FromSeconds(quick ? 5 : 10));
    Row("Azurite raw rate", "operations/s (table write+read, queue put+get+delete, 128 parallel)", F(raw, "F0"));

    await using (var host = await BenchHost.StartAsync(connection, "bench" + Guid.NewGuid().ToString("N")[..8], counter))
    {
        // 2. Storage operations per orchestration, idle: one 5-activity chain from start to Completed.
        var idleRuns = 5;
        counter.Reset();
        var watch = Stopwatch.StartNew();
        for (var i = 0; i < idleRuns; i++)
        {
            var id = await host.Client.ScheduleNewOrchestrationAsync(BenchWorkload.Chain, 0);
            await host.WaitAsync(id);
        }

        var idleOps = counter.Snapshot();
        var idleSeconds = watch.Elapsed.TotalSeconds;
        Report("ops/orchestration (idle, sequential)", idleOps, idleRuns);

        // Background polling over the same time, to show what is not the orchestration's.
        counter.Reset();
        await Task.Delay(TimeSpan.FromSeconds(idleSeconds));
        Row("ops per orchestration", "background (polls, leases) during the same time, total", Total(counter.Snapshot()).ToString(CultureInfo.InvariantCulture));

        // 3. Throughput and operations under load, with event-to-activity latency sampled meanwhile.
        counter.Reset();
        watch.Restart();
        var ids = new List<string>();
        var starts = Enumerable.Range(0, throughputCount).Select(i => host.Client.ScheduleNewOrchestrationAsync(BenchWorkload.Chain, i)).ToList();
        var latencyUnderLoad = LatencyProbe.RunAsync(host, 30);
        ids.AddRange(await Task.WhenAll(starts));
        await Task.WhenAll(ids.Select(host.WaitAsync));
        var elapsed = watch.Elapsed.TotalSeconds;
        var loadOps = counter.Snapshot();
        var underLoad = await latencyUnderLoad;
        var perOrchestration = (double)Total(loadOps) / throughputCount;
        Report($"ops/orchestration (load, {throughputCount} at once)", loadOps, throughputCount);
        var throughput = throughputCount / elapsed;
        var ceiling = raw / perOrchestration;
        Row("throughput (1 host)", "orchestrations/s (5-activity chain)", F(throughput));
        Row("throughput (1 host)", "ceiling = raw rate / ops per orchestration", F(ceiling));
        Row("throughput (1 host)", "ratio reached / ceiling (goal >= 70%)", F(100 * throughput / ceiling, "F0") + " %");
        Row("latency event -> activity", "under load: p50 / p99 ms", $"{F(underLoad.P50)} / {F(underLoad.P99)}");

        // 4. Latency idle.
        var idle = await LatencyProbe.RunAsync(host, 50);
        Row("latency event -> activity", "idle: p50 / p99 ms (goal p50 < 50)", $"{F(idle.P50)} / {F(idle.P99)}");
    }
}

// 5. Queries and counts among many instances.
if (Runs("query"))
{
    Console.WriteLine($"Queries: seeding {queryInstances} instances...");
    foreach (var measure in await QueryBench.RunAsync(connection, counter, queryInstances, Console.WriteLine))
    {
        Row($"query ({queryInstances} stored)", $"{measure.Label}: p50 / p95 ms", $"{F(measure.P50)} / {F(measure.P95)}");
        Row($"query ({queryInstances} stored)", "  storage requests per run", F(measure.RequestsPerRun, "F0"));
    }
}

// 6. Crash run.
var crashOk = true;
if (Runs("crash"))
{
    Console.WriteLine($"Crash run: {crashOrchestrations} orchestrations, {crashKills} SIGKILLs...");
    var crash = await CrashRun.RunAsync(connection, crashOrchestrations, crashKills, TimeSpan.FromMinutes(10), Console.WriteLine);
    Row("crash (SIGKILL)", "completed / started", $"{crash.Completed} / {crash.Orchestrations}");
    Row("crash (SIGKILL)", "invalid histories", crash.InvalidHistories.ToString(CultureInfo.InvariantCulture));
    Row("crash (SIGKILL)", "activity executions beyond one per task", $"{crash.DuplicateExecutions} of {crash.ActivityExecutions}");
    Row("crash (SIGKILL)", "finished at each kill / wall time", $"{string.Join(",", crash.FinishedAtKills)} / {F(crash.Elapsed.TotalSeconds, "F0")} s");
    crashOk = crash.Completed == crash.Orchestrations && crash.InvalidHistories == 0;
}

// 7. Timer firing latency on an idle host, at the default timer polling interval.
if (Runs("timers"))
{
    await using var host = await BenchHost.StartAsync(connection, "timers" + Guid.NewGuid().ToString("N")[..8], counter);
    var timers = await TimerLatency.RunAsync(host, 50);
    var poll = new AzureStorageOptions().TimerPollingInterval.TotalMilliseconds;
    Row("timer firing (idle, 50)", $"due -> next activity starts: p50 / p99 / max ms (poll {F(poll, "F0")} ms)", $"{F(timers.P50)} / {F(timers.P99)} / {F(timers.Max)}");
}

// 8. Takeover after a host dies without releasing its leases, at the default lease settings.
if (Runs("takeover"))
{
    var defaults = new AzureStorageOptions();
    Console.WriteLine($"Takeover: 3 runs, lease {defaults.LeaseDuration.TotalSeconds} s, renewed every {defaults.LeaseRenewInterval.TotalSeconds} s, acquire every {defaults.LeaseAcquireInterval.TotalSeconds} s...");
    var takeover = await Takeover.RunAsync(connection, counter, 3, Console.WriteLine);
    Row("takeover (host dies)", "kill -> survivor owns all 4 partitions: each run, s", string.Join(" / ", takeover.Select(t => F(t))));
}

Console.WriteLine();
Console.WriteLine($"| {"section",-28} | {"measure",-72} | {"value",-22} |");
Console.WriteLine($"|{new string('-', 30)}|{new string('-', 74)}|{new string('-', 24)}|");
foreach (var (section, measure, value) in rows)
{
    Console.WriteLine($"| {section,-28} | {measure,-72} | {value,-22} |");
}

return crashOk ? 0 : 1;

void Report(string label, IReadOnlyDictionary<string, int> ops, int orchestrations)
{
    var parts = StorageOperationCounter.Kinds
        .Where(k => ops.GetValueOrDefault(k) > 0)
        .Select(k => $"{k} {F((double)ops[k] / orchestrations)}");
    Row("ops per orchestration", $"{label}: total", F((double)Total(ops) / orchestrations));
    Row("ops per orchestration", "  by kind", string.Join(", ", parts));
}

static int Total(IReadOnlyDictionary<string, int> ops) => ops.Values.Sum();
