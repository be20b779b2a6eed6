using System.Diagnostics;
using Azure;
using Azure.Storage.Queues;

namespace Workflows.Engine.AzureStorage.Internal;

/// <summary>
/// A queue message this host holds invisible (received, or sent invisible for local dispatch). Its
/// pop receipt changes on every renewal, so renew, release and delete are serialised.
/// </summary>
#pragma warning disable CA1001 // The semaphore never allocates a wait handle (only WaitAsync is used), so there is nothing to dispose.
internal sealed class LeasedMessage(QueueClient queue, string messageId, string popReceipt, TimeSpan visibility, int dequeueCount)
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private string _popReceipt = popReceipt;
    private long _renewedAt = Stopwatch.GetTimestamp();
    private bool _done;

    public QueueClient Queue => queue;

    public string MessageId => messageId;

    public int DequeueCount => dequeueCount;

    public bool Done => _done;

    public bool NeedsRenewal => !_done && Stopwatch.GetElapsedTime(_renewedAt) > visibility / 2;

    public async Task RenewAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_done)
            {
                return;
            }

            var receipt = await queue.UpdateMessageAsync(messageId, _popReceipt, visibilityTimeout: visibility, cancellationToken: cancellationToken).ConfigureAwait(false);
            _popReceipt = receipt.Value.PopReceipt;
            _renewedAt = Stopwatch.GetTimestamp();
        }
        catch (RequestFailedException ex) when (ex.Status is 404 or 400)
        {
            // Someone else has it now (or it was deleted): nothing more to renew.
            _done = true;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Deletes the message (it was processed). Missing messages are fine.</summary>
    public async Task DeleteAsync()
    {
        await _gate.WaitAsync().ConfigureAwait(false);
        try
        {
            if (_done)
            {
                return;
            }

            _done = true;
            await queue.DeleteMessageAsync(messageId, _popReceipt).ConfigureAwait(false);
        }
        catch (RequestFailedException ex) when (ex.Status is 404 or 400)
        {
            // Already deleted, or its lease expired and another host took it: at-least-once covers it.
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Gives the message back: visible again after <paramref name="delay"/> (at most 7 days).</summary>
    public async Task ReleaseAsync(TimeSpan delay)
    {
        await _gate.WaitAsync().ConfigureAwait(false);
        try
        {
            if (_done)
            {
                return;
            }

            _done = true;
            var bounded = delay < TimeSpan.Zero ? TimeSpan.Zero : delay > TimeSpan.FromDays(7) ? TimeSpan.FromDays(7) : delay;
            await queue.UpdateMessageAsync(messageId, _popReceipt, visibilityTimeout: bounded).ConfigureAwait(false);
        }
        catch (RequestFailedException ex) when (ex.Status is 404 or 400)
        {
            // Gone already.
        }
        finally
        {
            _gate.Release();
        }
    }
}
#pragma warning restore CA1001
