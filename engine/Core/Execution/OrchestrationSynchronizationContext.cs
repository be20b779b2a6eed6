namespace Workflows.Engine.Execution;

/// <summary>
/// Runs orchestrator continuations on the executor's thread, one at a time, in order. A continuation
/// posted from another thread means the code awaited something that is not a durable task (Task.Delay,
/// I/O, Task.Run); it is never run, and the episode fails with an explanation.
/// </summary>
internal sealed class OrchestrationSynchronizationContext : SynchronizationContext
{
    private readonly Queue<(SendOrPostCallback Callback, object? State)> _queue = new();
    private readonly int _ownerThreadId = Environment.CurrentManagedThreadId;
    private volatile bool _closed;
    private volatile bool _foreignContinuation;

    /// <summary>True once a continuation arrived from outside the executor (a non-durable await).</summary>
    public bool ForeignContinuationObserved => _foreignContinuation;

    public override void Post(SendOrPostCallback d, object? state)
    {
        if (_closed || Environment.CurrentManagedThreadId != _ownerThreadId)
        {
            _foreignContinuation = true;
            return;
        }

        _queue.Enqueue((d, state));
    }

    public override void Send(SendOrPostCallback d, object? state) =>
        throw new NotSupportedException("Synchronous dispatch is not supported in orchestrator code.");

    public override SynchronizationContext CreateCopy() => this;

    /// <summary>Runs queued continuations until none are left.</summary>
    public void Drain()
    {
        while (_queue.TryDequeue(out var item))
        {
            item.Callback(item.State);
        }
    }

    /// <summary>After the episode, nothing may run on this context any more.</summary>
    public void Close() => _closed = true;
}
