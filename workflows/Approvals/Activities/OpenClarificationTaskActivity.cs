using Workflows.Audit;
using Workflows.People;
using Workflows.Engine;
using Workflows.Notifications;

namespace Workflows.Approvals.Activities;

/// <summary>Return for clarification: a task for the requester, answered with <see cref="ApprovalDecisionService.AnswerClarificationAsync"/>.</summary>
[ActivityName(Name)]
public sealed class OpenClarificationTaskActivity(IApprovalTaskStore tasks, IPersonDirectory directory, INotifier notifier, IAuditLog audit, TimeProvider time)
    : Activity<ClarificationInput, bool>
{
    public const string Name = "Approval.OpenClarification";

    public override async Task<bool> RunAsync(TaskActivityContext context, ClarificationInput input)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);
        var ct = context.CancellationToken;
        var r = input.Request;
        var created = await tasks.CreateAsync(
            new ApprovalTask
            {
                TaskId = input.ClarificationTaskId,
                Kind = ApprovalTaskKind.Clarification,
                Workflow = r.Workflow,
                CaseId = r.CaseId,
                CaseReference = r.CaseReference,
                InstanceId = input.InstanceId,
                ParentInstanceId = r.ParentInstanceId,
                Step = r.Step,
                AssigneeId = r.RequesterId,
                Role = Roles.Requester,
                FacilityId = r.FacilityId,
                RegionId = r.RegionId,
                Due = input.Due,
                CreatedAt = time.GetUtcNow(),
                RequesterId = r.RequesterId,
                RelatedTaskId = input.ApproverTaskId,
            },
            ct).ConfigureAwait(false);
        var person = await directory.FindAsync(r.RequesterId, ct).ConfigureAwait(false);
        await notifier.SendAsync(
            new Notification
            {
                IdempotencyKey = context.IdempotencyKey,
                Kind = NotificationKind.ClarificationRequested,
                RecipientId = r.RequesterId,
                Language = person?.Language ?? "en",
                CaseId = r.CaseId,
                CaseReference = r.CaseReference,
                Workflow = r.Workflow,
                Step = r.Step,
                TaskId = input.ClarificationTaskId,
                InstanceId = input.InstanceId,
                Due = input.Due,
            },
            ct).ConfigureAwait(false);
        await audit.AppendAsync(
            new AuditRecord
            {
                CaseId = r.CaseId,
                ActorId = Actor.System.UserId,
                Action = AuditActions.ClarificationRequested,
                Ids = new Dictionary<string, string> { ["taskId"] = input.ApproverTaskId, ["clarificationTaskId"] = input.ClarificationTaskId, ["instanceId"] = input.InstanceId },
                IdempotencyKey = context.IdempotencyKey,
            },
            ct).ConfigureAwait(false);
        return created;
    }
}
