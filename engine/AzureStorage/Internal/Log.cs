using Microsoft.Extensions.Logging;

namespace Workflows.Engine.AzureStorage.Internal;

/// <summary>Log messages of the Azure Storage backend (ids only, never payloads).</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 3001, Level = LogLevel.Warning, Message = "Renewing the lease of queue message {MessageId} failed.")]
    public static partial void RenewFailed(ILogger logger, string messageId, Exception exception);

    [LoggerMessage(EventId = 3002, Level = LogLevel.Warning, Message = "Giving back a message of instance {InstanceId} failed; it returns when its lease runs out.")]
    public static partial void ReleaseFailed(ILogger logger, string instanceId, Exception exception);

    [LoggerMessage(EventId = 3003, Level = LogLevel.Warning, Message = "Deleting a processed message of instance {InstanceId} failed; it will be delivered again and ignored.")]
    public static partial void ConsumeFailed(ILogger logger, string instanceId, Exception exception);

    [LoggerMessage(EventId = 3004, Level = LogLevel.Warning, Message = "Polling {Source} failed; backing off.")]
    public static partial void PollFailed(ILogger logger, string source, Exception exception);

    [LoggerMessage(EventId = 3005, Level = LogLevel.Information, Message = "Host {HostId} acquired partition {Partition}.")]
    public static partial void PartitionAcquired(ILogger logger, string hostId, int partition);

    [LoggerMessage(EventId = 3006, Level = LogLevel.Information, Message = "Host {HostId} released partition {Partition}.")]
    public static partial void PartitionReleased(ILogger logger, string hostId, int partition);

    [LoggerMessage(EventId = 3007, Level = LogLevel.Warning, Message = "Host {HostId} lost partition {Partition}.")]
    public static partial void PartitionLost(ILogger logger, string hostId, int partition, Exception? exception);

    [LoggerMessage(EventId = 3008, Level = LogLevel.Warning, Message = "Lease management failed for host {HostId}; retrying.")]
    public static partial void LeaseLoopFailed(ILogger logger, string hostId, Exception exception);

    [LoggerMessage(EventId = 3009, Level = LogLevel.Warning, Message = "Message {MessageId} of instance {InstanceId} was set aside as poison: {Reason}")]
    public static partial void PoisonSetAside(ILogger logger, string messageId, string instanceId, string reason);

    [LoggerMessage(EventId = 3010, Level = LogLevel.Warning, Message = "Updating the index of instance {InstanceId} failed; the index repair will fix it.")]
    public static partial void IndexUpdateFailed(ILogger logger, string instanceId, Exception exception);

    [LoggerMessage(EventId = 3011, Level = LogLevel.Warning, Message = "Cleaning up after a checkpoint of instance {InstanceId} failed.")]
    public static partial void CleanupFailed(ILogger logger, string instanceId, Exception exception);
}
