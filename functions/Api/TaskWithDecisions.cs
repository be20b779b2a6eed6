namespace Workflows.Functions.Api;

/// <summary>The answer of <c>GET /api/tasks/{taskId}</c>: the task, and the decisions made so far on its step.</summary>
public sealed record TaskWithDecisions(TaskView Task, IReadOnlyList<TaskView> Decisions);
