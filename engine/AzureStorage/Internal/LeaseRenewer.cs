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

            foreach (var lease in _leases.Keys)
            {
                if (lease.Done)
                {
                    _leases.TryRemove(lease, out _);
                }
                else if (lease.NeedsRenewal)
                {
                    try
                    {
                        await lease.RenewAsync(cancellationToken).ConfigureAwait(false);
                    }
                    catch (Exception ex) when (ex is not OperationCanceledException)
                    {
                        Log.RenewFailed(logger, lease.MessageId, ex);
                    }
                }
            }
        }
    }
}
