namespace Workflows.Engine;

/// <summary>The lifecycle state of an orchestration instance, named as in Durable Functions.</summary>
public enum OrchestrationRuntimeStatus
{
    /// <summary>Created but not started yet (for example, a scheduled start time in the future).</summary>
    Pending,

    /// <summary>Started and not finished: running code or waiting on activities, timers or events.</summary>
    Running,

    /// <summary>Finished successfully; the output is available.</summary>
    Completed,

    /// <summary>The execution ended with <c>ContinueAsNew</c> and a new execution is about to start.</summary>
    ContinuedAsNew,

    /// <summary>Finished with an unhandled failure; the failure details are available.</summary>
    Failed,

    /// <summary>Reserved for compatibility with Durable Functions; not produced by this engine.</summary>
    Canceled,

    /// <summary>Stopped by a terminate request.</summary>
    Terminated,

    /// <summary>Paused by a suspend request: events are kept, no code runs until resumed.</summary>
    Suspended,
}

/// <summary>Helpers for <see cref="OrchestrationRuntimeStatus"/>.</summary>
public static class OrchestrationRuntimeStatusExtensions
{
    /// <summary>True for statuses after which the instance never runs again (unless restarted).</summary>
    public static bool IsTerminal(this OrchestrationRuntimeStatus status) =>
        status is OrchestrationRuntimeStatus.Completed
            or OrchestrationRuntimeStatus.Failed
            or OrchestrationRuntimeStatus.Terminated
            or OrchestrationRuntimeStatus.Canceled;
}
