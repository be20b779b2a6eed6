using System.Diagnostics;

namespace Workflows.Engine.AzureStorage.Bench;

/// <summary>
/// How long partitions stay unowned after a host dies without releasing its leases: two hosts with the
/// default lease settings split the four partitions, one is abandoned (no release, no renewal), and the
/// time runs until the other owns every partition.
/// </summary>
internal static class Takeover
{
    private static readonly TimeSpan Limit = TimeSpan.FromMinutes(3);

    public static async Task<List<double>> RunAsync(string connectionString, StorageOperationCounter counter, int runs, Action<string> log)
    {
        var seconds = new List<double>();
        var defaults = new AzureStorageOptions();
        for (var run = 0; run < runs; run++)
        {
            var hub = "takeover" + Guid.NewGuid().ToString("N")[..8];
            await using var survivor = await BenchHost.StartAsync(connectionString, hub, counter, storage: o => Defaults(o, defaults, "bench-survivor"), partitionsToOwn: 0).ConfigureAwait(false);
            var dying = await BenchHost.StartAsync(connectionString, hub, counter, storage: o => Defaults(o, defaults, "bench-dying"), partitionsToOwn: 0).ConfigureAwait(false);
            try
            {
                await UntilAsync(() => survivor.Backend.OwnedPartitions.Count == 2 && dying.Backend.OwnedPartitions.Count == 2, "two partitions each").ConfigureAwait(false);

                // The kill falls at a random point of the renewal cycle: right after a renewal the lease
                // has its whole duration left (the worst case), just before one a renewal interval less.
                var phase = TimeSpan.FromMilliseconds(Random.Shared.Next((int)defaults.LeaseRenewInterval.TotalMilliseconds));
                await Task.Delay(phase).ConfigureAwait(false);
                var clock = Stopwatch.StartNew();
                await dying.Backend.AbandonHostAsync().ConfigureAwait(false);
                await UntilAsync(() => survivor.Backend.OwnedPartitions.Count == 4, "the survivor owning every partition").ConfigureAwait(false);
                seconds.Add(clock.Elapsed.TotalSeconds);
                log($"  takeover run {run + 1}: killed {phase.TotalSeconds:F1} s after the split, taken over in {clock.Elapsed.TotalSeconds:F1} s");
            }
            finally
            {
                await dying.DisposeAsync().ConfigureAwait(false);
            }
        }

        return seconds;
    }

    // The production defaults for leases (the other benches shorten the acquire interval to start faster).
    private static void Defaults(AzureStorageOptions options, AzureStorageOptions defaults, string hostId)
    {
        options.HostId = hostId;
        options.LeaseDuration = defaults.LeaseDuration;
        options.LeaseRenewInterval = defaults.LeaseRenewInterval;
        options.LeaseAcquireInterval = defaults.LeaseAcquireInterval;
    }

    private static async Task UntilAsync(Func<bool> condition, string description)
    {
        var deadline = Stopwatch.StartNew();
        while (!condition())
        {
            if (deadline.Elapsed > Limit)
            {
                throw new TimeoutException($"No {description} after {Limit.TotalMinutes} minutes.");
            }

            await Task.Delay(50).ConfigureAwait(false);
        }
    }
}
