
namespace Workflows.Engine.AzureStorage.Internal;

/// <summary>
/// One control partition this host owns: reads its queue (backing off when idle), releases its due
/// timers, keeps the messages per instance until a worker locks the instance, and caches histories.
/// </summary>
internal sealed partial class ControlPartition : IDisposable
{
    private readonly BackendContext _context;
    private readonly Lock _gate = new();
    private readonly Dictionary<string, InstanceSlot> _slots = new(StringComparer.Ordinal);
    private readonly Dictionary<string, InstanceSnapshot> _cache = new(StringComparer.Ordinal);
    private readonly HashSet<string> _timersInFlight = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _wake = new(0);
    private readonly CancellationTokenSource _stop = new();
    private Task _loops = Task.CompletedTask;
    private int _buffered;
    private int _locked;

    public ControlPartition(BackendContext context, int index)
    {
        _context = context;
        Index = index;
        Queue = context.Clients.ControlQueues[index];
    }

    public int Index { get; }

    public Azure.Storage.Queues.QueueClient Queue { get; }

    public bool Active { get; private set; }

    /// <summary>
    /// True once the reader has emptied the queue after taking the partition over. Only then may this
    /// host deliver to the partition in memory: messages sent earlier through the queue come first.
    /// </summary>
    public bool Drained { get; private set; }

    public int LockedCount => Volatile.Read(ref _locked);

    public int BufferedCount
    {
        get
        {
            lock (_gate)
            {
                return _buffered;
            }
        }
    }

    public void Start()
    {
        Active = true;
        _loops = Task.WhenAll(
            Task.Run(() => ReadLoopAsync(_stop.Token)),
            Task.Run(() => TimerLoopAsync(_stop.Token)));
    }

    /// <summary>Wakes the queue reader at once (another part of this host just enqueued for this partition).</summary>
    public void Wake()
    {
        if (_wake.CurrentCount == 0)
        {
            _wake.Release();
        }
    }

    public void Add(HeldMessage message)
    {
        lock (_gate)
        {
            if (!Active)
            {
                _ = ReleaseAsync(message, TimeSpan.Zero);
                return;
            }

            var id = message.Message.InstanceId;
            if (!_slots.TryGetValue(id, out var slot))
            {
                slot = new InstanceSlot(id);
                _slots[id] = slot;
            }

            if (message.Lease is { } lease && slot.Pending.Any(m => m.Lease?.MessageId == lease.MessageId))
            {
                return;
            }

            slot.Pending.Add(message);
            _buffered++;
            MarkReady(slot);
        }
    }

    /// <summary>Takes the instance's messages for a worker; null when there is nothing to do.</summary>
    public List<HeldMessage>? TryLock(InstanceSlot slot)
    {
        lock (_gate)
        {
            slot.Ready = false;
            if (!Active || slot.Locked || slot.Pending.Count == 0)
            {
                return null;
            }

            slot.Locked = true;
            _locked++;
            var taken = new List<HeldMessage>(slot.Pending);
            slot.Pending.Clear();
            _buffered -= taken.Count;
            return taken;
        }
    }

    /// <summary>Ends a lock; <paramref name="giveBack"/> are messages to offer again (the commit did not happen).</summary>
    public void Unlock(InstanceSlot slot, IReadOnlyList<HeldMessage>? giveBack)
    {
        lock (_gate)
        {
            slot.Locked = false;
            _locked--;
            if (giveBack is { Count: > 0 })
            {
                if (!Active)
                {
                    foreach (var message in giveBack)
                    {
                        _ = ReleaseAsync(message, TimeSpan.Zero);
                    }
                }
                else
                {
                    slot.Pending.InsertRange(0, giveBack);
                    _buffered += giveBack.Count;
                }
            }

            if (slot.Pending.Count == 0)
            {
                _slots.Remove(slot.InstanceId);
            }
            else
            {
                MarkReady(slot);
            }
        }
    }

    public InstanceSnapshot? GetCached(string instanceId)
    {
        lock (_gate)
        {
            return _cache.GetValueOrDefault(instanceId);
        }
    }

    public void SetCached(string instanceId, InstanceSnapshot? snapshot)
    {
        lock (_gate)
        {
            if (snapshot is null || !Active || snapshot.State is null || snapshot.State.RuntimeStatus.IsTerminal())
            {
                _cache.Remove(instanceId);
                return;
            }

            if (_cache.Count >= Math.Max(1, _context.Options.HistoryCacheSize / _context.Options.PartitionCount) && !_cache.ContainsKey(instanceId))
            {
                foreach (var key in _cache.Keys.Take(Math.Max(1, _cache.Count / 10)).ToList())
                {
                    _cache.Remove(key);
                }
            }

            _cache[instanceId] = snapshot;
        }
    }

    public void TimerDone(string rowKey)
    {
        lock (_gate)
        {
            _timersInFlight.Remove(rowKey);
        }
    }

    /// <summary>
    /// Stops reading. Graceful: waits (bounded) for locked instances, then gives every held message
    /// back so the next owner sees it at once. Not graceful (lease lost): drops everything.
    /// </summary>
    public async Task StopAsync(bool graceful, TimeSpan timeout, bool giveBack = true)
    {
        lock (_gate)
        {
            if (!Active)
            {
                return;
            }
        }

        await _stop.CancelAsync().ConfigureAwait(false);
        try
        {
            await _loops.ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Expected.
        }

        if (graceful)
        {
            var deadline = DateTime.UtcNow + timeout;
            while (LockedCount > 0 && DateTime.UtcNow < deadline)
            {
                await Task.Delay(50).ConfigureAwait(false);
            }
        }

        List<HeldMessage> held;
        lock (_gate)
        {
            Active = false;
            held = [.. _slots.Values.SelectMany(s => s.Pending)];
            foreach (var slot in _slots.Values)
            {
                slot.Pending.Clear();
            }

            _slots.Clear();
            _cache.Clear();
            _buffered = 0;
        }

        if (giveBack)
        {
            await Task.WhenAll(held.Select(m => ReleaseAsync(m, TimeSpan.Zero))).ConfigureAwait(false);
        }
    }

    /// <summary>Gives a held message back to storage, to be delivered again after <paramref name="delay"/>.</summary>
    public async Task ReleaseAsync(HeldMessage message, TimeSpan delay)
    {
        try
        {
            if (message.Lease is { } lease)
            {
                await lease.ReleaseAsync(delay).ConfigureAwait(false);
            }
            else if (message.TimerRowKey is { } rowKey)
            {
                // The row is already due: it is picked up again once this (real-time) delay has passed.
                // Not awaited: the caller (a worker finishing its work item) must not wait that long.
                if (delay > TimeSpan.Zero)
                {
                    _ = ReturnTimerLaterAsync(rowKey, delay);
                }
                else
                {
                    TimerDone(rowKey);
                }
            }
            else if (message.ActivityLease is { } activityLease)
            {
                // A locally delivered activity result: make it durable, then let the activity message go.
                var text = await _context.Codec.EncodeAsync(message.Message, message.DequeueCount, CancellationToken.None).ConfigureAwait(false);
                await Queue.SendMessageAsync(text, delay < TimeSpan.Zero ? TimeSpan.Zero : delay, TimeSpan.FromSeconds(-1)).ConfigureAwait(false);
                await activityLease.DeleteAsync().ConfigureAwait(false);
            }
        }
#pragma warning disable CA1031 // Giving a message back is best effort: its lease runs out and it comes back anyway.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            Log.ReleaseFailed(_context.Logger, message.Message.InstanceId, ex);
        }
    }

    private async Task ReturnTimerLaterAsync(string rowKey, TimeSpan delay)
    {
        try
        {
            await Task.Delay(delay, _stop.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Stopped: the row stays and the next owner delivers it.
        }

        TimerDone(rowKey);
    }

    private void MarkReady(InstanceSlot slot)
    {
        if (!slot.Ready && !slot.Locked && slot.Pending.Count > 0)
        {
            slot.Ready = true;
            _context.Ready.Writer.TryWrite((this, slot));
        }
    }

    private bool BufferFull
    {
        get
        {
            lock (_gate)
            {
                return _buffered >= _context.Options.MaxBufferedMessagesPerPartition;
            }
        }
    }

    private bool TryClaimTimer(string rowKey)
    {
        lock (_gate)
        {
            return _timersInFlight.Add(rowKey);
        }
    }

    public void Dispose()
    {
        _stop.Dispose();
        _wake.Dispose();
    }
}
