namespace Workflows.Approvals.Activities;

public sealed record ClarificationInput(ApprovalRequest Request, string InstanceId, string ApproverTaskId, string ClarificationTaskId, DateTimeOffset Due);
