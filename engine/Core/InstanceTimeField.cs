namespace Workflows.Engine;

/// <summary>Which of an instance's times a count's range and buckets apply to.</summary>
public enum InstanceTimeField
{
    /// <summary>When the instance was created (<see cref="OrchestrationState.CreatedAt"/>).</summary>
    Created,

    /// <summary>When the instance finished (<see cref="OrchestrationState.CompletedAt"/>); unfinished instances are not counted.</summary>
    Completed,
}
