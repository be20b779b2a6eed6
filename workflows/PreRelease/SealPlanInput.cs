namespace Workflows.PreRelease;

/// <summary>The case whose plan was approved.</summary>
public sealed record SealPlanInput(string CaseId);
