using System.Diagnostics;

namespace Workflows.Engine.AzureStorage.Bench;

/// <summary>Raises an event and times until the activity the orchestration calls next starts running.</summary>
internal static class LatencyProbe
{
    public static async Task<(double P50, double P99)> RunAsync(BenchHost host, int rounds)
    {
        var id = await host.Client.ScheduleNewOrchestrationAsync(BenchWorkload.Latency, rounds).ConfigureAwait(false);
        var samples = new List<double>();
        for (var i = 0; i < rounds; i++)
        {
            // Give the previous round's episode time to commit, so each sample starts from a waiting instance.
            await Task.Delay(100).ConfigureAwait(false);
            var key = $"{id}-{i}";
            var mark = new TaskCompletionSource<long>(TaskCreationOptions.RunContinuationsAsynchronously);
            BenchWorkload.Marks[key] = mark;
            var start = Stopwatch.GetTimestamp();
            await host.Client.RaiseEventAsync(id, "go", key).ConfigureAwait(false);
            var end = await mark.Task.WaitAsync(TimeSpan.FromMinutes(2)).ConfigureAwait(false);
            samples.Add(Stopwatch.GetElapsedTime(start, end).TotalMilliseconds);
            BenchWorkload.Marks.TryRemove(key, out _);
        }

        samples.Sort();
        return (Percentile(samples, 0.50), Percentile(samples, 0.99));
    }

    public static double Percentile(List<double> sorted, double p) =>
        sorted.Count == 0 ? double.NaN : sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(p * sorted.Count) - 1)];
}
