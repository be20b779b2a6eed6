namespace Workflows.Approvals.Activities;

/// <summary>After a clarification: the approver's task opens again with a new due time.</summary>
public sealed record ReopenTasksInput(IReadOnlyList<string> TaskIds, DateTimeOffset Due);
