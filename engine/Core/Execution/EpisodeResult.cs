using Workflows.Engine.Backend;
using Workflows.Engine.History;

namespace Workflows.Engine.Execution;

/// <summary>What one episode of replay produced.</summary>
internal sealed class EpisodeResult
{
    public required ExecutionStartedEvent Started { get; init; }

    /// <summary>Events to append (episode marker, applied messages, scheduled steps, completion).</summary>
    public List<HistoryEvent> NewEvents { get; } = [];

    public OrchestrationRuntimeStatus Status { get; set; } = OrchestrationRuntimeStatus.Running;

    public string? Output { get; set; }

    public FailureDetails? Failure { get; set; }

    public string? CustomStatus { get; set; }

    /// <summary>Steps scheduled in this episode, in order.</summary>
    public List<ScheduledStep> NewSteps { get; } = [];

    public List<int> CancelledTimerIds { get; } = [];

    public List<OrchestrationMessage> DeferredMessages { get; } = [];

    /// <summary>For ContinueAsNew: the next execution's input and the messages it inherits.</summary>
    public string? ContinueAsNewInput { get; set; }

    public List<OrchestrationMessage> CarriedOverMessages { get; } = [];

    /// <summary>Sub-orchestrations to terminate with this instance (recursive terminate).</summary>
    public List<string> ChildrenToTerminate { get; } = [];

    public string? TerminateReason { get; set; }

    public DateTimeOffset? NextTimerDueAt { get; set; }

    /// <summary>Ids of external events delivered in this execution (carried over by ContinueAsNew for de-duplication).</summary>
    public List<string> DeliveredEventIds { get; } = [];

    /// <summary>How many messages were applied; zero means the episode changed nothing.</summary>
    public int AppliedMessages { get; set; }
}
