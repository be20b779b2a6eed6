using Workflows.Audit;
using Workflows.Cases;

namespace Workflows;

/// <summary>
/// Safeguard 5, need to know: a person alerted about a case or escalated to (child protection on a juvenile
/// referral, the head of rehabilitation, the regional coordinator, the national body, a centre director) is
/// asked to act on it, so they join the case in the role they were notified as, as an approver does before
/// their task exists. Each opening is audited as a disclosure (ids and codes only).
/// </summary>
public static class CaseRecipientAccess
{
    /// <summary>Whether a notification of this kind to a role opens the case to the role's holders.</summary>
    public static bool OpensCase(Notifications.NotificationKind kind, string? role) =>
        role is not null && kind is Notifications.NotificationKind.Alert or Notifications.NotificationKind.Escalation;

    /// <summary>Adds the recipients as participants in <paramref name="role"/> and audits it; idempotent under <paramref name="idempotencyKey"/>.</summary>
    public static async Task JoinAsync(
        ICaseStore cases,
        IAuditLog audit,
        string caseId,
        IReadOnlyCollection<string> personIds,
        string role,
        string? step,
        string? code,
        string idempotencyKey,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(cases);
        ArgumentNullException.ThrowIfNull(audit);
        ArgumentNullException.ThrowIfNull(personIds);
        var record = await cases.GetAsync(caseId, cancellationToken).ConfigureAwait(false);
        if (record is null)
        {
            return;
        }

        var joining = personIds
            .Where(id => !record.ExcludedStaffIds.Contains(id) && !record.Participants.Any(p => p.PersonId == id && p.Role == role))
            .Distinct(StringComparer.Ordinal)
            .ToList();
        if (joining.Count == 0)
        {
            return;
        }

        await cases.AddParticipantsAsync(caseId, joining.Select(id => new CaseParticipant(id, role)), cancellationToken).ConfigureAwait(false);
        var ids = new Dictionary<string, string>(StringComparer.Ordinal) { ["participants"] = string.Join(',', joining), ["role"] = role };
        if (step is not null)
        {
            ids["step"] = step;
        }

        await audit.AppendAsync(
            new AuditRecord
            {
                CaseId = caseId,
                ActorId = Actor.System.UserId,
                Role = role,
                Action = AuditActions.Disclosure,
                Reason = $"Case opened to the {role} notified ({code ?? "notice"})",
                Ids = ids,
                IdempotencyKey = idempotencyKey + ":join",
            },
            cancellationToken).ConfigureAwait(false);
    }
}
