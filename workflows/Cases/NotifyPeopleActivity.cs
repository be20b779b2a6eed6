using Workflows.Approvals;
using Workflows.Audit;
using Workflows.People;
using Workflows.Engine;
using Workflows.Notifications;

namespace Workflows.Cases;

/// <summary>Sends case notifications (outcomes, alerts, decision notices to the subject with the way to challenge them).</summary>
[ActivityName(Name)]
public sealed class NotifyPeopleActivity(ICaseStore cases, IPersonDirectory directory, ApproverResolver resolver, INotifier notifier, IAuditLog audit)
    : Activity<NotifyPeopleInput, int>
{
    public const string Name = "Case.Notify";

    public override async Task<int> RunAsync(TaskActivityContext context, NotifyPeopleInput input)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);
        var ct = context.CancellationToken;
        var record = await cases.GetAsync(input.CaseId, ct).ConfigureAwait(false)
            ?? throw new InvalidOperationException($"Case '{input.CaseId}' does not exist.");
        var recipients = new List<(string Id, string Language)>();
        foreach (var id in input.PersonIds.Distinct())
        {
            recipients.Add((id, (await directory.FindAsync(id, ct).ConfigureAwait(false))?.Language ?? "en"));
        }

        if (input.Role is { } role)
        {
            var holders = await resolver.ResolveAsync(role, input.Scope, record.FacilityId, record.RegionId, null, record.ExcludedStaffIds, null, ct).ConfigureAwait(false);
            recipients.AddRange(holders.Select(h => (h.Id, h.Language)));
            if (CaseRecipientAccess.OpensCase(input.Kind, role))
            {
                // Alerted or escalated to, they are asked to act: they join the case in that role before the notice goes.
                await CaseRecipientAccess.JoinAsync(cases, audit, record.CaseId, holders.Select(h => h.Id).ToList(), role, input.Step, input.Code, context.IdempotencyKey, ct).ConfigureAwait(false);
            }
        }

        if (input.ToSubject && record.SubjectId is { } subject)
        {
            recipients.Add((subject, record.SubjectLanguage));
        }

        foreach (var (id, language) in recipients.Distinct())
        {
            await notifier.SendAsync(
                new Notification
                {
                    IdempotencyKey = $"{context.IdempotencyKey}:{id}",
                    Kind = id == record.SubjectId && input.ToSubject ? NotificationKind.DecisionNotice : input.Kind,
                    RecipientId = id,
                    Language = language,
                    CaseId = record.CaseId,
                    CaseReference = record.Reference,
                    Workflow = record.Workflow,
                    Step = input.Step,
                    InstanceId = context.InstanceId,
                    Due = input.Due,
                    Code = input.Code,
                    ChallengeRoute = id == record.SubjectId ? input.ChallengeRoute ?? "complaint" : null,
                },
                ct).ConfigureAwait(false);
        }

        if (input.ToSubject)
        {
            await audit.AppendAsync(
                new AuditRecord
                {
                    CaseId = record.CaseId,
                    ActorId = Actor.System.UserId,
                    Action = AuditActions.Disclosure,
                    Reason = $"Decision notice {input.Code} to the subject with challenge route {input.ChallengeRoute ?? "complaint"}",
                    Ids = new Dictionary<string, string> { ["instanceId"] = context.InstanceId },
                    IdempotencyKey = context.IdempotencyKey,
                },
                ct).ConfigureAwait(false);
        }

        return recipients.Count;
    }
}
