using Microsoft.Extensions.Logging;

namespace Workflows.Engine.Diagnostics;

/// <summary>The engine's log messages: ids and names only, never payloads (they may hold personal data).</summary>
internal static partial class EngineLog
{
    [LoggerMessage(1, LogLevel.Debug, "Episode of {Name} instance {InstanceId}: {Applied} message(s) applied, status {Status}.")]
    public static partial void EpisodeCompleted(ILogger logger, string name, string instanceId, int applied, OrchestrationRuntimeStatus status);

    [LoggerMessage(2, LogLevel.Warning, "Instance {InstanceId} cannot run: {Reason}")]
    public static partial void InstanceStuck(ILogger logger, string instanceId, string reason);

    [LoggerMessage(3, LogLevel.Information, "Episode of instance {InstanceId} discarded: another worker committed first.")]
    public static partial void WorkItemLost(ILogger logger, string instanceId);

    [LoggerMessage(4, LogLevel.Error, "Episode of instance {InstanceId} failed unexpectedly; it will be retried.")]
    public static partial void EpisodeError(ILogger logger, string instanceId, Exception exception);

    [LoggerMessage(5, LogLevel.Warning, "Instance {InstanceId} failed: non-determinism detected.")]
    public static partial void NonDeterminism(ILogger logger, string instanceId);

    [LoggerMessage(6, LogLevel.Warning, "Poison message {MessageId} for instance {InstanceId} set aside after {DequeueCount} deliveries.")]
    public static partial void PoisonMessage(ILogger logger, string messageId, string instanceId, int dequeueCount);

    [LoggerMessage(7, LogLevel.Debug, "Activity {Name} #{TaskId} of instance {InstanceId} finished: {Outcome}.")]
    public static partial void ActivityFinished(ILogger logger, string name, int taskId, string instanceId, string outcome);

    [LoggerMessage(8, LogLevel.Warning, "Activity {Name} #{TaskId} of instance {InstanceId} could not record its result; it will run again.")]
    public static partial void ActivityResultNotRecorded(ILogger logger, string name, int taskId, string instanceId, Exception exception);

    [LoggerMessage(9, LogLevel.Error, "Worker loop error; continuing.")]
    public static partial void WorkerLoopError(ILogger logger, Exception exception);

    [LoggerMessage(10, LogLevel.Debug, "{Count} message(s) for instance {InstanceId} deferred until {RetryAt}.")]
    public static partial void MessagesDeferred(ILogger logger, int count, string instanceId, DateTimeOffset retryAt);
}
