namespace Workflows;

/// <summary>The output of a workflow instance: its outcome code.</summary>
public sealed record WorkflowResult(string Outcome);
