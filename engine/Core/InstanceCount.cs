namespace Workflows.Engine;

/// <summary>
/// One group of an instance count. The fields the count was not broken down by are null; groups with
/// no instances are left out.
/// </summary>
/// <param name="Name">The orchestration name, when counted per name.</param>
/// <param name="RuntimeStatus">The runtime status, when counted per status.</param>
/// <param name="BucketStart">The start of the time bucket, when counted per bucket.</param>
/// <param name="Count">How many instances the group holds.</param>
public sealed record InstanceCount(string? Name, OrchestrationRuntimeStatus? RuntimeStatus, DateTimeOffset? BucketStart, long Count);
