using Workflows.Engine.History;

namespace Workflows.Engine.Backend;

/// <summary>
/// The outcome of one episode, to be committed atomically by the backend: new history, the new
/// instance status, and the messages the episode produced. Committing also consumes the work item's
/// messages.
/// </summary>
public sealed class OrchestrationCheckpoint
{
    /// <summary>
    /// When false, <see cref="NewEvents"/> are appended to the current history. When true, the
    /// current execution ended with <c>ContinueAsNew</c>: the stored history is discarded and replaced
    /// by <see cref="NewEvents"/> (usually empty: the new execution starts from a message).
    /// </summary>
    public bool ReplacesHistory { get; init; }

    /// <summary>Events to append to the history, in order.</summary>
    public required IReadOnlyList<HistoryEvent> NewEvents { get; init; }

    /// <summary>
    /// The instance status after the episode; null when the messages were for an instance that does
    /// not exist, in which case the backend only consumes them (and sends <see cref="OutboundMessages"/>).
    /// </summary>
    public required OrchestrationState? State { get; init; }

    /// <summary>Activities to run.</summary>
    public IReadOnlyList<ActivityRequest> Activities { get; init; } = [];

    /// <summary>Timer messages to this instance, each to be delivered at its <see cref="OrchestrationMessage.VisibleAt"/>.</summary>
    public IReadOnlyList<OrchestrationMessage> Timers { get; init; } = [];

    /// <summary>
    /// Timers of this instance that were cancelled in this episode; a backend may delete them so
    /// they never wake the instance (doing nothing is also correct: their firing changes nothing).
    /// </summary>
    public IReadOnlyList<int> CancelledTimerIds { get; init; } = [];

    /// <summary>
    /// Messages to other instances (or to this one): sub-orchestration starts, sent events, results to
    /// a parent, terminate requests to children, and the start of the next execution after ContinueAsNew.
    /// A message carrying an <see cref="ExecutionStartedEvent"/> for another instance creates that
    /// instance (status Pending) unless an instance with that id exists that is not in a terminal
    /// status or already has that execution id; the message is delivered either way (the engine
    /// answers the parent when the start was refused).
    /// </summary>
    public IReadOnlyList<OrchestrationMessage> OutboundMessages { get; init; } = [];

    /// <summary>
    /// Messages of the work item that could not be applied yet (for example a result for a task that
    /// is not in history yet, or an event for an instance whose scheduled start has not come); the
    /// backend must deliver them again later. All other messages of the work item are consumed.
    /// </summary>
    public IReadOnlyList<OrchestrationMessage> DeferredMessages { get; init; } = [];
}
