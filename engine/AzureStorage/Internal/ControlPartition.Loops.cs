using Azure.Storage.Queues.Models;
using Workflows.Engine.Backend;

namespace Workflows.Engine.AzureStorage.Internal;

internal sealed partial class ControlPartition
{
    /// <summary>Deletes what backs a processed message: its queue message, activity message, timer row and blob.</summary>
    public async Task ConsumeAsync(HeldMessage message)
    {
        try
        {
            var deletes = new List<Task>(2);
            if (message.Lease is { } lease)
            {
                deletes.Add(lease.DeleteAsync());
            }

            if (message.ActivityLease is { } activityLease)
            {
                deletes.Add(activityLease.DeleteAsync());
            }

            if (message.TimerRowKey is { } rowKey)
            {
                deletes.Add(_context.Timers.DeleteAsync(Index, rowKey, CancellationToken.None));
            }

            await Task.WhenAll(deletes).ConfigureAwait(false);
            if (message.TimerRowKey is { } done)
            {
                TimerDone(done);
            }

            await _context.Codec.DeleteBlobAsync(message.Blob).ConfigureAwait(false);
        }
#pragma warning disable CA1031 // A failed delete means a duplicate delivery later, which the engine ignores.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            Log.ConsumeFailed(_context.Logger, message.Message.InstanceId, ex);
        }
    }

    /// <summary>
    /// Sends a message to this partition's queue, invisible, and holds it here at once: no queue read
    /// is needed, and if this host dies the message becomes visible to the next owner.
    /// </summary>
    public async Task SendLocalAsync(OrchestrationMessage message, CancellationToken cancellationToken)
    {
        var text = await _context.Codec.EncodeAsync(message, cancellationToken).ConfigureAwait(false);
        var visibility = _context.Options.ControlMessageVisibilityTimeout;
        var receipt = await Queue.SendMessageAsync(text, visibility, TimeSpan.FromSeconds(-1), cancellationToken).ConfigureAwait(false);
        var lease = new LeasedMessage(Queue, receipt.Value.MessageId, receipt.Value.PopReceipt, visibility, 1);
        _context.Renewer.Track(lease);
        Add(new HeldMessage { Message = message, Lease = lease, Blob = MessageCodec.BlobOf(text) });
    }

    private async Task ReadLoopAsync(CancellationToken cancellationToken)
    {
        var options = _context.Options;
        var delay = options.MinPollingInterval;
        while (!cancellationToken.IsCancellationRequested)
        {
            var received = 0;
            var read = false;
            try
            {
                if (!BufferFull)
                {
                    var response = await Queue.ReceiveMessagesAsync(options.MessageBatchSize, options.ControlMessageVisibilityTimeout, cancellationToken).ConfigureAwait(false);
                    received = response.Value.Length;
                    read = true;
                    foreach (var queued in response.Value)
                    {
                        await AcceptAsync(queued, cancellationToken).ConfigureAwait(false);
                    }
                }
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
#pragma warning disable CA1031 // Storage outages must not kill the reader: back off and try again.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                Log.PollFailed(_context.Logger, Queue.Name, ex);
                delay = options.MaxPollingInterval;
            }

            if (received >= options.MessageBatchSize)
            {
                delay = options.MinPollingInterval;
                continue;
            }

            if (read)
            {
                Drained = true;
            }

            if (received > 0)
            {
                delay = options.MinPollingInterval;
                continue;
            }

            try
            {
                await _wake.WaitAsync(delay, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, options.MaxPollingInterval.Ticks));
        }
    }

    private async Task AcceptAsync(QueueMessage queued, CancellationToken cancellationToken)
    {
        var lease = new LeasedMessage(Queue, queued.MessageId, queued.PopReceipt, _context.Options.ControlMessageVisibilityTimeout, (int)queued.DequeueCount);
        OrchestrationMessage message;
        string? blob;
        try
        {
            (message, blob) = await _context.Codec.DecodeOrchestrationMessageAsync(queued.Body.ToString(), cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is System.Text.Json.JsonException or NotSupportedException or Azure.RequestFailedException or InvalidDataException)
        {
            await PoisonStore.SetAsideAsync(_context, Queue.Name, queued.MessageId, queued.Body.ToString(), null, $"The message cannot be read: {ex.GetType().Name}.", cancellationToken).ConfigureAwait(false);
            await lease.DeleteAsync().ConfigureAwait(false);
            return;
        }

        _context.Renewer.Track(lease);
        Add(new HeldMessage { Message = message, Lease = lease, Blob = blob, PriorDeliveries = message.DequeueCount });
    }

    private async Task TimerLoopAsync(CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                await ReleaseDueTimersLocallyAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
#pragma warning disable CA1031 // Storage outages must not kill the timer loop.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                Log.PollFailed(_context.Logger, _context.Timers.Table.Name, ex);
            }

            try
            {
                await Task.Delay(_context.Options.TimerPollingInterval, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    /// <summary>Delivers due timers of this partition straight from their rows (deleted after the commit).</summary>
    private async Task ReleaseDueTimersLocallyAsync(CancellationToken cancellationToken)
    {
        var due = await _context.Timers.DueAsync(Index, _context.Time.GetUtcNow(), 200, cancellationToken).ConfigureAwait(false);
        foreach (var row in due)
        {
            if (!TryClaimTimer(row.RowKey))
            {
                continue;
            }

            OrchestrationMessage message;
            string? blob;
            try
            {
                (message, blob) = await _context.Codec.DecodeOrchestrationMessageAsync(row.GetString("Body") ?? string.Empty, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is System.Text.Json.JsonException or NotSupportedException or InvalidDataException)
            {
                await PoisonStore.SetAsideAsync(_context, _context.Timers.Table.Name, row.RowKey, row.GetString("Body"), row.GetString("InstanceId"), $"The timer cannot be read: {ex.GetType().Name}.", cancellationToken).ConfigureAwait(false);
                await _context.Timers.DeleteAsync(Index, row.RowKey, cancellationToken).ConfigureAwait(false);
                TimerDone(row.RowKey);
                continue;
            }

            // The row counts its deliveries (a queue counts dequeues): a timer message that keeps failing
            // becomes poison like any other. Under the row's ETag, so of two hosts reading the row at
            // once (a partition changing hands) only one delivers it.
            var deliveries = (row.GetInt32(TimerStore.Deliveries) ?? 0) + 1;
            if (!await _context.Timers.CountDeliveryAsync(row, deliveries, cancellationToken).ConfigureAwait(false))
            {
                TimerDone(row.RowKey);
                continue;
            }

            Add(new HeldMessage { Message = message, TimerRowKey = row.RowKey, Blob = blob, TimerDeliveries = deliveries, PriorDeliveries = message.DequeueCount });
        }
    }
}
