using Workflows.Audit;
using Workflows.Cases;
using Workflows.People;
using Workflows.Engine;
using Workflows.Notifications;

namespace Workflows.Approvals.Activities;

/// <summary>Escalation by reassignment: open tasks move to the escalation role's holder or the assignee's manager.</summary>
[ActivityName(Name)]
public sealed class ReassignApprovalTasksActivity(
    IApprovalTaskStore tasks,
    ICaseStore cases,
    IPersonDirectory directory,
    ApproverResolver resolver,
    INotifier notifier,
    IAuditLog audit) : Activity<ReassignInput, int>
{
    public const string Name = "Approval.ReassignTasks";

    public override async Task<int> RunAsync(TaskActivityContext context, ReassignInput input)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);
        var ct = context.CancellationToken;
        var r = input.Request;
        var moved = 0;
        foreach (var id in input.TaskIds)
        {
            var task = await tasks.GetAsync(id, ct).ConfigureAwait(false);
            if (task is not { IsOpen: true })
            {
                continue;
            }

            // Safeguard 7 holds through escalation: a women-only task moves only to a woman.
            var staffGender = task.WomenStaffOnly ? ApproverResolver.Women : null;
            string? target;
            if (input.ToManager)
            {
                var current = task.AssigneeId is null ? null : await directory.FindAsync(task.AssigneeId, ct).ConfigureAwait(false);
                target = current?.ManagerId;
                var manager = target is null ? null : await directory.FindAsync(target, ct).ConfigureAwait(false);
                if (task.WomenStaffOnly && (manager is null || !task.AllowsAssignee(manager)))
                {
                    target = null;
                }
            }
            else
            {
                var holders = await resolver.ResolveAsync(input.Role!, input.Scope, r.FacilityId, r.RegionId, r.OrganisationId, r.ExcludedUserIds, staffGender, ct).ConfigureAwait(false);
                target = holders.Count > 0 ? holders[0].Id : null;
            }

            if (target is null || target == task.AssigneeId || r.ExcludedUserIds.Contains(target))
            {
                continue;
            }

            // The new assignee joins the case first: a redelivery after the task moved skips this task, and
            // whoever finds the task must be able to open its case.
            if (await cases.GetAsync(r.CaseId, ct).ConfigureAwait(false) is not null)
            {
                await cases.AddParticipantsAsync(r.CaseId, [new CaseParticipant(target, input.Role ?? task.Role)], ct).ConfigureAwait(false);
            }

            if (!await tasks.TryReplaceAsync(task with { AssigneeId = target, DelegateId = null, AssigneeRole = input.ToManager ? null : input.Role, AssignedByName = input.ToManager }, ct).ConfigureAwait(false))
            {
                continue;
            }

            moved++;

            var person = await directory.FindAsync(target, ct).ConfigureAwait(false);
            await notifier.SendAsync(
                new Notification
                {
                    IdempotencyKey = $"{context.IdempotencyKey}:{id}",
                    Kind = NotificationKind.Escalation,
                    RecipientId = target,
                    Language = person?.Language ?? "en",
                    CaseId = r.CaseId,
                    CaseReference = r.CaseReference,
                    Workflow = r.Workflow,
                    Step = r.Step,
                    TaskId = id,
                    InstanceId = input.InstanceId,
                    Due = task.Due,
                    Code = "Reassigned",
                },
                ct).ConfigureAwait(false);
            await audit.AppendAsync(
                new AuditRecord
                {
                    CaseId = r.CaseId,
                    ActorId = Actor.System.UserId,
                    Role = input.Role,
                    Action = AuditActions.Escalated,
                    Reason = input.Reason,
                    Ids = new Dictionary<string, string> { ["taskId"] = id, ["from"] = task.AssigneeId ?? "unassigned", ["to"] = target, ["instanceId"] = input.InstanceId },
                    IdempotencyKey = $"{context.IdempotencyKey}:{id}",
                },
                ct).ConfigureAwait(false);
        }

        return moved;
    }
}
