namespace Workflows.CsoAccess;

/// <summary>The tasks whose approval came with conditions, and the permit's end (a condition's default duration).</summary>
public sealed record AccessConditionsInput(IReadOnlyList<string> TaskIds, DateTimeOffset PermitValidUntil);
