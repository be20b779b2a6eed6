using Workflows.Audit;
using Workflows.Cases;
using Workflows.People;
using Workflows.Engine;
using Workflows.Notifications;

namespace Workflows.Approvals.Activities;

/// <summary>Sends reminders, escalation notices, clarification and delegation notices for a step.</summary>
[ActivityName(Name)]
public sealed class NotifyApprovalActivity(IApprovalTaskStore tasks, IPersonDirectory directory, ApproverResolver resolver, INotifier notifier, IAuditLog audit, ICaseStore cases)
    : Activity<NotifyInput, int>
{
    public const string Name = "Approval.Notify";

    public override async Task<int> RunAsync(TaskActivityContext context, NotifyInput input)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);
        var ct = context.CancellationToken;
        var r = input.Request;
        var recipients = new List<(string PersonId, string? TaskId, DateTimeOffset? Due)>();
        foreach (var id in input.TaskIds)
        {
            if (await tasks.GetAsync(id, ct).ConfigureAwait(false) is not { } task)
            {
                continue;
            }

            foreach (var person in new[] { task.AssigneeId, task.DelegateId }.OfType<string>().Distinct())
            {
                recipients.Add((person, id, task.Due));
            }
        }

        if (input.Role is { } role)
        {
            var holders = await resolver.ResolveAsync(role, input.Scope, r.FacilityId, r.RegionId, r.OrganisationId, r.ExcludedUserIds, null, ct).ConfigureAwait(false);
            recipients.AddRange(holders.Select(h => (h.Id, (string?)null, input.Due)));
            if (CaseRecipientAccess.OpensCase(input.Kind, role))
            {
                // Escalated to or alerted, they are asked to act: they join the case in that role before the notice goes.
                await CaseRecipientAccess.JoinAsync(cases, audit, r.CaseId, holders.Select(h => h.Id).ToList(), role, r.Step, input.Code, context.IdempotencyKey, ct).ConfigureAwait(false);
            }
        }

        var sent = 0;
        foreach (var (personId, taskId, due) in recipients.Distinct())
        {
            var person = await directory.FindAsync(personId, ct).ConfigureAwait(false);
            await notifier.SendAsync(
                new Notification
                {
                    IdempotencyKey = $"{context.IdempotencyKey}:{personId}:{taskId}",
                    Kind = input.Kind,
                    RecipientId = personId,
                    Language = person?.Language ?? "en",
                    CaseId = r.CaseId,
                    CaseReference = r.CaseReference,
                    Workflow = r.Workflow,
                    Step = r.Step,
                    TaskId = taskId,
                    InstanceId = input.InstanceId,
                    Due = due ?? input.Due,
                    Code = input.Code,
                },
                ct).ConfigureAwait(false);
            sent++;
        }

        if (input.AuditAction is { } action)
        {
            await audit.AppendAsync(
                new AuditRecord
                {
                    CaseId = r.CaseId,
                    ActorId = Actor.System.UserId,
                    Role = input.Role,
                    Action = action,
                    Reason = input.Code,
                    Ids = new Dictionary<string, string> { ["instanceId"] = input.InstanceId, ["step"] = r.Step, ["tasks"] = string.Join(',', input.TaskIds) },
                    IdempotencyKey = context.IdempotencyKey,
                },
                ct).ConfigureAwait(false);
        }

        return sent;
    }
}
