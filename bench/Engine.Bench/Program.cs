using System.Diagnostics;
using System.Globalization;
using Workflows.Engine;
using Workflows.Engine.Testing;

// Engine benchmarks on the in-memory, time-skipping host. Run: dotnet run -c Release --project bench/Engine.Bench
CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
await ReplayCostAsync(200); // warm-up: JIT and tiered compilation
Console.WriteLine("Replay cost per episode against history length");
Console.WriteLine("| activities done | history events | episode (median, ms) | per history event (µs) |");
Console.WriteLine("|---:|---:|---:|---:|");
foreach (var steps in new[] { 100, 500, 1000, 2500, 5000 })
{
    var (events, median) = await ReplayCostAsync(steps);
    Console.WriteLine($"| {steps} | {events} | {median:0.000} | {median * 1000 / events:0.00} |");
}

Console.WriteLine();
Console.WriteLine("90-day orchestration with 20 timers (and an activity after each) in the time-skipping host");
var runs = new List<double>();
for (var i = 0; i < 30; i++)
{
    runs.Add(await NinetyDaysAsync());
}

var cold = runs[0];
runs.Sort();
Console.WriteLine($"| runs | first (cold, ms) | median (ms) | p90 (ms) |");
Console.WriteLine("|---:|---:|---:|---:|");
Console.WriteLine($"| {runs.Count} | {cold:0.0} | {runs[runs.Count / 2]:0.00} | {runs[(int)(runs.Count * 0.9)]:0.00} |");

static async Task<(int Events, double MedianMs)> ReplayCostAsync(int steps)
{
    await using var host = OrchestrationTestHost.Create(engine => engine
        .AddActivity<int, int>("Step", n => n)
        .AddOrchestration<int, int>("Long", async (ctx, n) =>
        {
            for (var i = 0; i < n; i++)
            {
                await ctx.CallActivityAsync<int>("Step", i);
            }

            // Each event after this point costs one episode that replays the whole history.
            var total = 0;
            while (true)
            {
                total += await ctx.WaitForExternalEvent<int>("ping");
                if (total < 0)
                {
                    return total;
                }
            }
        }));
    var id = await host.StartAsync("Long", steps);
    var worker = (Workflows.Engine.Hosting.OrchestrationWorker)host.Services.GetService(typeof(Workflows.Engine.Hosting.OrchestrationWorker))!;
    var samples = new List<double>();
    for (var i = 0; i < 25; i++)
    {
        await host.Client.RaiseEventAsync(id, "ping", 1);
        var item = host.Backend.TryLockNextOrchestrationWorkItem()!;
        var watch = Stopwatch.StartNew();
        await worker.ProcessOrchestrationWorkItemAsync(item);
        samples.Add(watch.Elapsed.TotalMilliseconds);
    }

    samples.Sort();
    var events = (await host.GetStateAsync(id)).HistoryLength;
    return (events, samples[samples.Count / 2]);
}

static async Task<double> NinetyDaysAsync()
{
    var watch = Stopwatch.StartNew();
    await using var host = OrchestrationTestHost.Create(engine => engine
        .AddActivity<int, int>("Record", n => n)
        .AddOrchestration<int, int>("NinetyDays", async (ctx, timers) =>
        {
            var start = ctx.CurrentUtcDateTime;
            for (var i = 1; i <= timers; i++)
            {
                await ctx.CreateTimer(start + TimeSpan.FromDays(90.0 * i / timers));
                await ctx.CallActivityAsync<int>("Record", i);
            }

            return timers;
        }));
    var id = await host.StartAsync("NinetyDays", 20);
    await host.AdvanceAsync(TimeSpan.FromDays(90));
    if ((await host.GetStateAsync(id)).RuntimeStatus != OrchestrationRuntimeStatus.Completed)
    {
        throw new InvalidOperationException("The 90-day orchestration did not complete.");
    }

    return watch.Elapsed.TotalMilliseconds;
}
