using Workflows.Engine.Client;

namespace Workflows.Engine.AzureStorage.Bench;

/// <summary>
/// How late durable timers fire on an idle host: from a timer's due time to the start of the activity
/// its orchestration calls next, at the host's default <see cref="AzureStorageOptions.TimerPollingInterval"/>.
/// </summary>
internal static class TimerLatency
{
    public static async Task<(double P50, double P99, double Max)> RunAsync(BenchHost host, int timers)
    {
        // One timer due at a time, 373 ms apart, so the due times fall at every phase of the timer poll.
        var first = DateTimeOffset.UtcNow + TimeSpan.FromSeconds(5);
        var dues = new List<(string Id, DateTimeOffset Due, Task<DateTimeOffset> Started)>();
        for (var i = 0; i < timers; i++)
        {
            var id = $"timer-{Guid.NewGuid():N}";
            var due = first + TimeSpan.FromMilliseconds(373 * i);
            var mark = new TaskCompletionSource<DateTimeOffset>(TaskCreationOptions.RunContinuationsAsynchronously);
            BenchWorkload.TimerMarks[id] = mark;
            await host.Client.ScheduleNewOrchestrationAsync(BenchWorkload.Timer, due, new StartOrchestrationOptions { InstanceId = id }).ConfigureAwait(false);
            dues.Add((id, due, mark.Task));
        }

        // Waiting on the activities themselves, not polling the instances: the host stays idle.
        var samples = new List<double>();
        foreach (var (id, due, started) in dues)
        {
            samples.Add((await started.WaitAsync(TimeSpan.FromMinutes(2)).ConfigureAwait(false) - due).TotalMilliseconds);
            BenchWorkload.TimerMarks.TryRemove(id, out _);
        }

        samples.Sort();
        return (LatencyProbe.Percentile(samples, 0.50), LatencyProbe.Percentile(samples, 0.99), samples[^1]);
    }
}
