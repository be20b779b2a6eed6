using Azure;
using Azure.Data.Tables;
using Azure.Storage.Blobs.Specialized;

namespace Workflows.Engine.AzureStorage.Internal;

/// <summary>
/// Owns control partitions through blob leases (one blob per partition). Renews them, balances them
/// across the hosts that heartbeat in the index table (each takes about partitions / hosts), takes
/// over leases of dead hosts when they expire, and releases its leases on graceful shutdown.
/// </summary>
internal sealed class PartitionLeaseManager(
    BackendContext context,
    string hostId,
    Func<int, Task> acquired,
    Func<int, bool, Task> stopping)
{
    private const string HostsPartition = "hosts";
    // A host that restarts under the same configured HostId takes its own leases back at once.
    private readonly string _leaseId = context.Options.HostId is { } configured ? LeaseIdOf(configured) : Guid.NewGuid().ToString();
    private readonly Dictionary<int, BlobLeaseClient> _owned = [];
    private readonly Lock _gate = new();

    /// <summary>The lease id of a host with a configured host id (the same on every restart).</summary>
    public static string LeaseIdOf(string hostId) =>
        new Guid(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(hostId)).AsSpan(0, 16)).ToString();

    public IReadOnlyCollection<int> Owned
    {
        get
        {
            lock (_gate)
            {
                return [.. _owned.Keys];
            }
        }
    }

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var options = context.Options;
        var lastRenew = DateTime.UtcNow;
        var lastBalance = DateTime.MinValue;
        var tick = TimeSpan.FromTicks(Math.Min(options.LeaseRenewInterval.Ticks, options.LeaseAcquireInterval.Ticks) / 2);
        var blobsReady = false;
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                if (!blobsReady)
                {
                    await EnsureLeaseBlobsAsync(cancellationToken).ConfigureAwait(false);
                    blobsReady = true;
                }

                if (DateTime.UtcNow - lastRenew >= options.LeaseRenewInterval)
                {
                    lastRenew = DateTime.UtcNow;
                    await RenewAsync(cancellationToken).ConfigureAwait(false);
                }

                if (DateTime.UtcNow - lastBalance >= options.LeaseAcquireInterval)
                {
                    lastBalance = DateTime.UtcNow;
                    await HeartbeatAsync(cancellationToken).ConfigureAwait(false);
                    await BalanceAsync(cancellationToken).ConfigureAwait(false);
                }
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
#pragma warning disable CA1031 // Lease management keeps going through storage outages.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                Log.LeaseLoopFailed(context.Logger, hostId, ex);
            }

            try
            {
                await Task.Delay(tick, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    /// <summary>Stops every owned partition gracefully and releases its lease; removes this host's heartbeat.</summary>
    public async Task ReleaseAllAsync()
    {
        var owned = Owned;
        await Task.WhenAll(owned.Select(ReleaseAsync)).ConfigureAwait(false);
        try
        {
            await context.Clients.Index.DeleteEntityAsync(HostsPartition, hostId, ETag.All).ConfigureAwait(false);
        }
        catch (RequestFailedException)
        {
            // The heartbeat row expires by itself.
        }
    }

    private async Task EnsureLeaseBlobsAsync(CancellationToken cancellationToken)
    {
        for (var i = 0; i < context.Options.PartitionCount; i++)
        {
            var blob = context.Clients.Leases.GetBlobClient(LeaseBlobName(i));
            try
            {
                await blob.UploadAsync(BinaryData.Empty, overwrite: false, cancellationToken).ConfigureAwait(false);
            }
            catch (RequestFailedException ex) when (ex.Status is 409 or 412)
            {
                // Exists (and may be leased).
            }
        }
    }

    private static string LeaseBlobName(int partition) => $"control-{partition.ToString("D2", System.Globalization.CultureInfo.InvariantCulture)}";

    private async Task HeartbeatAsync(CancellationToken cancellationToken)
    {
        var row = new TableEntity(HostsPartition, hostId) { ["LastSeen"] = DateTimeOffset.UtcNow };
        await context.Clients.Index.UpsertEntityAsync(row, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
    }

    private async Task<int> CountLiveHostsAsync(CancellationToken cancellationToken)
    {
        // Heartbeats run on real time (leases do too), whatever clock the engine runs on.
        var cutoff = DateTimeOffset.UtcNow - TimeSpan.FromTicks(Math.Max(context.Options.LeaseAcquireInterval.Ticks * 3, context.Options.LeaseDuration.Ticks));
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {HostsPartition}");
        var live = 0;
        await foreach (var row in context.Clients.Index.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            if (row.RowKey == hostId || row.GetDateTimeOffset("LastSeen") >= cutoff)
            {
                live++;
            }
        }

        return Math.Max(1, live);
    }

    private async Task RenewAsync(CancellationToken cancellationToken)
    {
        List<(int Partition, BlobLeaseClient Lease)> owned;
        lock (_gate)
        {
            owned = [.. _owned.Select(o => (o.Key, o.Value))];
        }

        foreach (var (partition, lease) in owned)
        {
            try
            {
                await lease.RenewAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
            }
            catch (RequestFailedException ex) when (ex.Status is 409 or 412 or 404)
            {
                Log.PartitionLost(context.Logger, hostId, partition, ex);
                lock (_gate)
                {
                    _owned.Remove(partition);
                }

                await stopping(partition, false).ConfigureAwait(false);
            }
        }
    }

    private async Task BalanceAsync(CancellationToken cancellationToken)
    {
        var count = context.Options.PartitionCount;
        var hosts = await CountLiveHostsAsync(cancellationToken).ConfigureAwait(false);
        var target = (count + hosts - 1) / hosts;
        var owned = Owned;
        if (owned.Count > target)
        {
            // Give one back per round; a host that needs partitions picks it up.
            await ReleaseAsync(owned.Max()).ConfigureAwait(false);
            return;
        }

        var start = (int)((uint)hostId.GetHashCode(StringComparison.Ordinal) % (uint)count);
        for (var k = 0; k < count && Owned.Count < target; k++)
        {
            var partition = (start + k) % count;
            if (owned.Contains(partition))
            {
                continue;
            }

            var lease = context.Clients.Leases.GetBlobClient(LeaseBlobName(partition)).GetBlobLeaseClient(_leaseId);
            try
            {
                await lease.AcquireAsync(context.Options.LeaseDuration, cancellationToken: cancellationToken).ConfigureAwait(false);
            }
            catch (RequestFailedException ex) when (ex.Status is 409 or 412)
            {
                continue;
            }

            lock (_gate)
            {
                _owned[partition] = lease;
            }

            Log.PartitionAcquired(context.Logger, hostId, partition);
            await acquired(partition).ConfigureAwait(false);
        }
    }

    private async Task ReleaseAsync(int partition)
    {
        BlobLeaseClient? lease;
        lock (_gate)
        {
            _owned.Remove(partition, out lease);
        }

        if (lease is null)
        {
            return;
        }

        await stopping(partition, true).ConfigureAwait(false);
        try
        {
            await lease.ReleaseAsync().ConfigureAwait(false);
            Log.PartitionReleased(context.Logger, hostId, partition);
        }
        catch (RequestFailedException ex)
        {
            Log.PartitionLost(context.Logger, hostId, partition, ex);
        }
    }
}
