using System.Threading.Channels;
using Microsoft.Extensions.Logging;

namespace Workflows.Engine.AzureStorage.Internal;

/// <summary>What the parts of the backend share: settings, clients, stores, clock and the ready list.</summary>
internal sealed class BackendContext
{
    public required AzureStorageOptions Options { get; init; }

    public required StorageClients Clients { get; init; }

    public required MessageCodec Codec { get; init; }

    public required InstanceStore Instances { get; init; }

    public required IndexStore Index { get; init; }

    public required PurgeJournal Purges { get; init; }

    public required TimerStore Timers { get; init; }

    public required TimeProvider Time { get; init; }

    public required ILogger Logger { get; init; }

    public required LeaseRenewer Renewer { get; init; }

    public required int MaxDequeueCount { get; init; }

    /// <summary>Instances with messages and no worker, across the partitions this host owns.</summary>
    public Channel<(ControlPartition Partition, InstanceSlot Slot)> Ready { get; } =
        Channel.CreateUnbounded<(ControlPartition, InstanceSlot)>(new UnboundedChannelOptions { SingleReader = false, SingleWriter = false });

    public int PartitionOf(string instanceId) => Keys.PartitionOf(instanceId, Options.PartitionCount);
}
