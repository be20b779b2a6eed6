using Workflows.Engine.Backend;

namespace Workflows.Engine.AzureStorage.Internal;

/// <summary>
/// An orchestration message held in memory for an instance. It is backed either by a control-queue
/// message (<see cref="Lease"/>) or, for an activity result delivered locally, by the activity's
/// work-item message (<see cref="ActivityLease"/>), which is deleted once the result is committed.
/// </summary>
internal sealed class HeldMessage
{
    public required OrchestrationMessage Message { get; init; }

    public LeasedMessage? Lease { get; init; }

    public LeasedMessage? ActivityLease { get; init; }

    /// <summary>The timer row that delivered this message (deleted once the message is committed).</summary>
    public string? TimerRowKey { get; init; }

    /// <summary>How many times the timer row has been delivered, this delivery included (counted on the row).</summary>
    public int TimerDeliveries { get; init; }

    /// <summary>
    /// Deliveries of earlier copies of this message: a message given back by writing it again (to the
    /// queue or the timers table) carries its count, so that it can still become poison.
    /// </summary>
    public int PriorDeliveries { get; init; }

    /// <summary>The blob holding a large message body, deleted with the message.</summary>
    public string? Blob { get; init; }

    public int DequeueCount => PriorDeliveries + Math.Max(1, Lease?.DequeueCount ?? TimerDeliveries);

    public OrchestrationMessage WithCount() => Message with { DequeueCount = DequeueCount };
}

/// <summary>The messages waiting for one instance, and whether a worker holds it.</summary>
internal sealed class InstanceSlot(string instanceId)
{
    public string InstanceId { get; } = instanceId;

    public List<HeldMessage> Pending { get; } = [];

    public bool Locked { get; set; }

    public bool Ready { get; set; }
}

/// <summary>What a locked orchestration work item carries for the backend.</summary>
internal sealed record OrchestrationLock(ControlPartition Partition, InstanceSlot Slot, IReadOnlyList<HeldMessage> Messages, InstanceSnapshot Snapshot);
