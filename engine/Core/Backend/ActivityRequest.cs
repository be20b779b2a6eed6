namespace Workflows.Engine.Backend;

/// <summary>An activity the orchestrator scheduled in an episode; the backend turns it into an <see cref="ActivityWorkItem"/>.</summary>
/// <param name="InstanceId">The scheduling instance.</param>
/// <param name="ExecutionId">The scheduling execution.</param>
/// <param name="TaskId">The step's sequence number.</param>
/// <param name="Name">The activity name.</param>
/// <param name="Version">The activity version.</param>
/// <param name="Input">The serialized input.</param>
/// <param name="IdempotencyKey">The idempotency key.</param>
public sealed record ActivityRequest(
    string InstanceId,
    string ExecutionId,
    int TaskId,
    string Name,
    string Version,
    string? Input,
    string IdempotencyKey);
