namespace Workflows.Functions.Api;

/// <summary>The 200 answer of a command that was recorded (a decision, delegation, fact...), with the id it was recorded under.</summary>
public sealed record CommandRecorded(string Status, string? DecisionId);
