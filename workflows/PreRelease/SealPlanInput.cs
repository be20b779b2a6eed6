namespace Workflows.PreRelease;

/// <summary>The case whose plan was approved, and in which round.</summary>
public sealed record SealPlanInput(string CaseId, int Round);
