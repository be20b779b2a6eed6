using Workflows.Audit;
using Workflows.Cases;
using Workflows.People;
using Workflows.Engine;
using Workflows.Notifications;
using Workflows.Policies;

namespace Workflows.Approvals.Activities;

/// <summary>
/// Creates the task rows of slots, adds the approvers to the case (need to know), notifies them and audits.
/// Where the women-staff rule (safeguard 7) moved a task to the role's holders at a wider level, or left it
/// with nobody eligible, that is audited as an escalation; nobody eligible also alerts the administrators,
/// who assign the task to a woman.
/// </summary>
[ActivityName(Name)]
public sealed class OpenApprovalTasksActivity(
    IApprovalTaskStore tasks,
    ICaseStore cases,
    IPersonDirectory directory,
    ApproverResolver resolver,
    INotifier notifier,
    IAuditLog audit,
    TimeProvider time) : Activity<OpenTasksInput, int>
{
    public const string Name = "Approval.OpenTasks";

    public override async Task<int> RunAsync(TaskActivityContext context, OpenTasksInput input)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);
        var r = input.Request;
        var ct = context.CancellationToken;
        var created = 0;
        foreach (var slot in input.Slots)
        {
            foreach (var candidate in slot.Candidates)
            {
                var task = new ApprovalTask
                {
                    TaskId = candidate.TaskId,
                    Workflow = r.Workflow,
                    CaseId = r.CaseId,
                    CaseReference = r.CaseReference,
                    InstanceId = input.InstanceId,
                    ParentInstanceId = r.ParentInstanceId,
                    Step = r.Step,
                    SlotIndex = slot.Index,
                    AssigneeId = candidate.PersonId,
                    Role = slot.Role,
                    FacilityId = r.FacilityId,
                    RegionId = r.RegionId,
                    OrganisationId = r.OrganisationId,
                    AssignedByName = slot.Named,
                    Due = input.Due,
                    CreatedAt = time.GetUtcNow(),
                    ExcludedUserIds = r.ExcludedUserIds,
                    WomenStaffOnly = slot.WomenStaffOnly,
                    RequesterId = r.RequesterId,
                    VetoAllowed = slot.Veto,
                    AllowConditions = r.Policy.AllowConditions,
                    AllowClarification = r.Policy.AllowClarification && !slot.Authority,
                    RequiredAttributes = r.Policy.RequiredAttributes,
                    AttributeValues = r.Policy.AttributeValues,
                    DistinctDeciders = r.Policy.Mode is ApprovalMode.Quorum or ApprovalMode.Majority,
                    ReasonCatalogue = r.ReasonCatalogue,
                };
                // The approver joins the case before the task exists, so whoever finds the task can open the case.
                if (candidate.PersonId is { } assignee && await cases.GetAsync(r.CaseId, ct).ConfigureAwait(false) is not null)
                {
                    await cases.AddParticipantsAsync(r.CaseId, [new CaseParticipant(assignee, slot.Role)], ct).ConfigureAwait(false);
                }

                if (await tasks.CreateAsync(task, ct).ConfigureAwait(false))
                {
                    created++;
                }

                if (candidate.PersonId is { } personId)
                {
                    var person = await directory.FindAsync(personId, ct).ConfigureAwait(false);
                    await notifier.SendAsync(
                        new Notification
                        {
                            IdempotencyKey = $"{context.IdempotencyKey}:{task.TaskId}",
                            Kind = NotificationKind.NewTask,
                            RecipientId = personId,
                            Language = person?.Language ?? "en",
                            CaseId = r.CaseId,
                            CaseReference = r.CaseReference,
                            Workflow = r.Workflow,
                            Step = r.Step,
                            TaskId = task.TaskId,
                            InstanceId = input.InstanceId,
                            Due = input.Due,
                        },
                        ct).ConfigureAwait(false);
                }

                await audit.AppendAsync(
                    new AuditRecord
                    {
                        CaseId = r.CaseId,
                        ActorId = Actor.System.UserId,
                        Role = slot.Role,
                        Action = slot.Authority ? AuditActions.Escalated : AuditActions.TaskCreated,
                        Reason = input.Reason,
                        Ids = new Dictionary<string, string>
                        {
                            ["taskId"] = task.TaskId,
                            ["instanceId"] = input.InstanceId,
                            ["step"] = r.Step,
                            ["assigneeId"] = candidate.PersonId ?? "unassigned",
                        },
                        IdempotencyKey = $"{context.IdempotencyKey}:{task.TaskId}",
                    },
                    ct).ConfigureAwait(false);
                await AuditAssignmentRuleAsync(context, input, slot, task.TaskId, ct).ConfigureAwait(false);
            }
        }

        return created;
    }

    private async Task AuditAssignmentRuleAsync(TaskActivityContext context, OpenTasksInput input, ApprovalSlot slot, string taskId, CancellationToken ct)
    {
        if (slot.WidenedTo is null && !slot.RuleUnmet)
        {
            return;
        }

        var r = input.Request;
        var code = slot.RuleUnmet ? "WomenStaffRuleUnmet" : "WomenStaffRuleWidened";
        var ids = new Dictionary<string, string>
        {
            ["taskId"] = taskId,
            ["instanceId"] = input.InstanceId,
            ["step"] = r.Step,
            ["assignmentRule"] = "womenStaffForWomen",
            ["level"] = slot.WidenedTo?.ToString() ?? "none",
        };
        await audit.AppendAsync(
            new AuditRecord { CaseId = r.CaseId, ActorId = Actor.System.UserId, Role = slot.Role, Action = AuditActions.Escalated, Reason = code, Ids = ids, IdempotencyKey = $"{context.IdempotencyKey}:{taskId}:rule" },
            ct).ConfigureAwait(false);
        if (!slot.RuleUnmet)
        {
            return;
        }

        foreach (var administrator in await resolver.ResolveAsync(Roles.SystemAdministrator, ScopeLevel.Central, r.FacilityId, r.RegionId, null, [], null, ct).ConfigureAwait(false))
        {
            await notifier.SendAsync(
                new Notification
                {
                    IdempotencyKey = $"{context.IdempotencyKey}:{taskId}:{administrator.Id}",
                    Kind = NotificationKind.Alert,
                    RecipientId = administrator.Id,
                    Language = administrator.Language,
                    CaseId = r.CaseId,
                    CaseReference = r.CaseReference,
                    Workflow = r.Workflow,
                    Step = r.Step,
                    TaskId = taskId,
                    InstanceId = input.InstanceId,
                    Due = input.Due,
                    Code = code,
                },
                ct).ConfigureAwait(false);
        }
    }
}
