namespace Workflows.Policies;

/// <summary>One band of a recurring schedule: every <see cref="Every"/> until <see cref="Until"/> after its start.</summary>
public sealed record ScheduleBand(Duration Until, Duration Every);
