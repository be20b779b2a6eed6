using Workflows.Engine.AzureStorage.Internal;
using Workflows.Engine.Backend;

namespace Workflows.Engine.AzureStorage;

public sealed partial class AzureStorageOrchestrationBackend
{
    /// <inheritdoc />
    public async Task<ActivityWorkItem?> LockNextActivityWorkItemAsync(CancellationToken cancellationToken = default)
    {
        await EnsureStartedAsync(cancellationToken).ConfigureAwait(false);
        EnsureActivityReader();
        if (_stopping)
        {
            return await NullAfterDelayAsync<ActivityWorkItem>(cancellationToken).ConfigureAwait(false);
        }

        using var wait = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        wait.CancelAfter(TimeSpan.FromSeconds(1));
        ActivityWorkItem item;
        try
        {
            item = await _activities.Reader.ReadAsync(wait.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return null;
        }

        var wasFull = Interlocked.Decrement(ref _activityBacklog) + 1 + Volatile.Read(ref _inFlightActivities) >= _engineOptions.MaxConcurrentActivities;
        if (_stopping)
        {
            if (item.BackendState is ActivityLock { Lease: { } lease })
            {
                await lease.ReleaseAsync(TimeSpan.Zero).ConfigureAwait(false);
            }

            return null;
        }

        Interlocked.Increment(ref _inFlightActivities);
        if (wasFull)
        {
            // The reader stopped reading for lack of room; there is room again.
            WakeActivities();
        }

        return item;
    }

    /// <inheritdoc />
    public async Task CompleteActivityWorkItemAsync(ActivityWorkItem workItem, OrchestrationMessage result, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(workItem);
        ArgumentNullException.ThrowIfNull(result);
        var held = (ActivityLock)workItem.BackendState!;
        try
        {
            if (workItem.DequeueCount > _context.MaxDequeueCount)
            {
                var reason = (result.Event as History.TaskFailedEvent)?.FailureDetails.ErrorMessage ?? $"Delivered {workItem.DequeueCount} times.";
                Log.PoisonSetAside(_context.Logger, held.Lease.MessageId, workItem.InstanceId, reason);
                await PoisonStore.SetAsideAsync(_context, _context.Clients.WorkItems.Name, held.Lease.MessageId, held.Body, workItem.InstanceId, reason, cancellationToken).ConfigureAwait(false);
            }

            if (OwnedPartition(result.InstanceId) is { } partition)
            {
                // The result stays in memory; the activity message is deleted when the result is committed.
                partition.Add(new HeldMessage { Message = result, ActivityLease = held.Lease });
            }
            else
            {
                await DeliverAsync(result, cancellationToken).ConfigureAwait(false);
                await held.Lease.DeleteAsync().ConfigureAwait(false);
            }

            await _context.Codec.DeleteBlobAsync(held.Blob).ConfigureAwait(false);
        }
        finally
        {
            Interlocked.Decrement(ref _inFlightActivities);
        }
    }

    /// <inheritdoc />
    public async Task AbandonActivityWorkItemAsync(ActivityWorkItem workItem, DateTimeOffset? retryAt = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(workItem);
        var held = (ActivityLock)workItem.BackendState!;
        try
        {
            var now = _context.Time.GetUtcNow();
            await held.Lease.ReleaseAsync(retryAt is { } at && at > now ? at - now : TimeSpan.Zero).ConfigureAwait(false);
        }
        finally
        {
            Interlocked.Decrement(ref _inFlightActivities);
        }
    }

    /// <summary>
    /// Queues activities. While this host's activity workers have room, a message is sent invisible
    /// and run here at once (no queue read; another host takes it over if this one dies); otherwise
    /// it is sent visible for any host to take.
    /// </summary>
    private async Task EnqueueActivitiesAsync(IReadOnlyList<ActivityRequest> requests, DateTimeOffset now, CancellationToken cancellationToken)
    {
        using var throttle = new SemaphoreSlim(32);
        await Task.WhenAll(requests.Select(async request =>
        {
            await throttle.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                await EnqueueActivityAsync(request, now, cancellationToken).ConfigureAwait(false);
            }
            finally
            {
                throttle.Release();
            }
        })).ConfigureAwait(false);
    }

    private async Task EnqueueActivityAsync(ActivityRequest request, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var body = new ActivityMessage(request, now);
        var text = await _context.Codec.EncodeAsync(body, cancellationToken).ConfigureAwait(false);
        var queue = _context.Clients.WorkItems;
        var local = _activityReaderStarted && !_stopping
            && Volatile.Read(ref _activityBacklog) + Volatile.Read(ref _inFlightActivities) < _engineOptions.MaxConcurrentActivities;
        if (!local)
        {
            await queue.SendMessageAsync(text, TimeSpan.Zero, TimeSpan.FromSeconds(-1), cancellationToken).ConfigureAwait(false);
            WakeActivities();
            return;
        }

        var visibility = _context.Options.WorkItemVisibilityTimeout;
        var receipt = await queue.SendMessageAsync(text, visibility, TimeSpan.FromSeconds(-1), cancellationToken).ConfigureAwait(false);
        var lease = new LeasedMessage(queue, receipt.Value.MessageId, receipt.Value.PopReceipt, visibility, 1);
        _context.Renewer.Track(lease);
        Interlocked.Increment(ref _activityBacklog);
        _activities.Writer.TryWrite(ToWorkItem(body, lease, 1, MessageCodec.BlobOf(text), text));
    }

    private void WakeActivities()
    {
        if (_activityWake.CurrentCount == 0)
        {
            _activityWake.Release();
        }
    }

    private void EnsureActivityReader()
    {
        if (_activityReaderStarted)
        {
            return;
        }

        lock (_startGate)
        {
            if (_activityReaderStarted)
            {
                return;
            }

            _activityReaderStarted = true;
            var reader = Task.Run(() => ReadActivitiesAsync(_run.Token));
            _loops = Task.WhenAll(_loops, reader);
        }
    }

    private async Task ReadActivitiesAsync(CancellationToken cancellationToken)
    {
        var options = _context.Options;
        var queue = _context.Clients.WorkItems;
        var delay = options.MinPollingInterval;
        while (!cancellationToken.IsCancellationRequested)
        {
            var room = _engineOptions.MaxConcurrentActivities - Volatile.Read(ref _activityBacklog) - Volatile.Read(ref _inFlightActivities);
            var received = 0;
            if (room > 0 && !_stopping)
            {
                try
                {
                    var response = await queue.ReceiveMessagesAsync(Math.Min(room, options.MessageBatchSize), options.WorkItemVisibilityTimeout, cancellationToken).ConfigureAwait(false);
                    received = response.Value.Length;
                    foreach (var message in response.Value)
                    {
                        var lease = new LeasedMessage(queue, message.MessageId, message.PopReceipt, options.WorkItemVisibilityTimeout, (int)message.DequeueCount);
                        var text = message.Body.ToString();
                        ActivityMessage body;
                        string? blob;
                        try
                        {
                            (body, blob) = await _context.Codec.DecodeActivityMessageAsync(text, cancellationToken).ConfigureAwait(false);
                        }
                        catch (Exception ex) when (ex is System.Text.Json.JsonException or NotSupportedException or InvalidDataException)
                        {
                            await PoisonStore.SetAsideAsync(_context, queue.Name, message.MessageId, text, null, $"The message cannot be read: {ex.GetType().Name}.", cancellationToken).ConfigureAwait(false);
                            await lease.DeleteAsync().ConfigureAwait(false);
                            continue;
                        }

                        _context.Renewer.Track(lease);
                        Interlocked.Increment(ref _activityBacklog);
                        _activities.Writer.TryWrite(ToWorkItem(body, lease, (int)message.DequeueCount, blob, text));
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
                    Log.PollFailed(_context.Logger, queue.Name, ex);
                    delay = options.MaxPollingInterval;
                }
            }

            if (received > 0)
            {
                delay = options.MinPollingInterval;
                continue;
            }

            try
            {
                await _activityWake.WaitAsync(room > 0 ? delay : options.MaxPollingInterval, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            if (room > 0)
            {
                delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, options.MaxPollingInterval.Ticks));
            }
        }
    }

    private static ActivityWorkItem ToWorkItem(ActivityMessage body, LeasedMessage lease, int dequeueCount, string? blob, string text)
    {
        var request = body.Request;
        return new ActivityWorkItem
        {
            InstanceId = request.InstanceId,
            ExecutionId = request.ExecutionId,
            TaskId = request.TaskId,
            Name = request.Name,
            Version = request.Version,
            Input = request.Input,
            IdempotencyKey = request.IdempotencyKey,
            DequeueCount = Math.Max(1, dequeueCount),
            EnqueuedAt = body.EnqueuedAt,
            BackendState = new ActivityLock(lease, blob, text.Length <= PayloadStore.MaxInlineChars ? text : null),
        };
    }
}

/// <summary>What a locked activity work item carries for the backend.</summary>
internal sealed record ActivityLock(LeasedMessage Lease, string? Blob, string? Body);
