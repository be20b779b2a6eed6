using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Workflows.Engine.AzureStorage.Internal;

/// <summary>Keeps held queue messages invisible while this host works on them.</summary>
internal sealed class LeaseRenewer(TimeSpan interval, ILogger logger)
{
    private readonly ConcurrentDictionary<LeasedMessage, byte> _leases = new();

    public void Track(LeasedMessage lease) => _leases.TryAdd(lease, 0);

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(interval, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            var due = new List<LeasedMessage>();
            foreach (var lease in _leases.Keys)
            {
                if (lease.Done)
                {
                    _leases.TryRemove(lease, out _);
                }
                else if (lease.NeedsRenewal)
                {
                    due.Add(lease);
                }
            }

            // In parallel: a sequential pass over hundreds of held messages could outlast their visibility.
            try
            {
                await Parallel.ForEachAsync(due, new ParallelOptions { MaxDegreeOfParallelism = 32, CancellationToken = cancellationToken }, async (lease, token) =>
                {
                    try
                    {
                        await lease.RenewAsync(token).ConfigureAwait(false);
                    }
                    catch (Exception ex) when (ex is not OperationCanceledException)
                    {
                        Log.RenewFailed(logger, lease.MessageId, ex);
                    }
                }).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }
}
