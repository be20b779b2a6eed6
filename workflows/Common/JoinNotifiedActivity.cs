using Workflows.Approvals;
using Workflows.Audit;
using Workflows.Cases;
using Workflows.Engine;

namespace Workflows;

/// <summary>Before an alert or escalation goes to a role, its holders join the case in that role (<see cref="CaseRecipientAccess"/>).</summary>
[ActivityName(Name)]
public sealed class JoinNotifiedActivity(ICaseStore cases, ApproverResolver resolver, IAuditLog audit) : Activity<NotifyPeopleInput, int>
{
    public const string Name = "Case.JoinNotified";

    public override async Task<int> RunAsync(TaskActivityContext context, NotifyPeopleInput input)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);
        var ct = context.CancellationToken;
        if (input.Role is not { } role || await cases.GetAsync(input.CaseId, ct).ConfigureAwait(false) is not { } record)
        {
            return 0;
        }

        // The same holders the notification goes to (NotifyPeopleActivity resolves them the same way).
        var holders = await resolver.ResolveAsync(role, input.Scope, record.FacilityId, record.RegionId, null, record.ExcludedStaffIds, null, ct).ConfigureAwait(false);
        await CaseRecipientAccess.JoinAsync(cases, audit, record.CaseId, holders.Select(h => h.Id).ToList(), role, input.Step, input.Code, context.IdempotencyKey, ct).ConfigureAwait(false);
        return holders.Count;
    }
}
