namespace Workflows.Approvals;

public sealed record TaskCount(string Workflow, ApprovalTaskStatus Status, int Count);
