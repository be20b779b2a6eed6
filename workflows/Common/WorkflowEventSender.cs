using Workflows.Approvals;
using Workflows.Audit;
using Workflows.Cases;
using Workflows.People;
using Workflows.Engine;
using Workflows.Engine.Client;

namespace Workflows;

/// <summary>
/// Sends a recorded fact (consent, court decision, arrival, exit...) to a case's workflow: checks the
/// actor holds one of the roles for the case's facility, audits, and raises the event with a fresh id.
/// A case the actor may not act on answers NotEntitled; a missing case NotFound.
/// </summary>
public sealed class WorkflowEventSender(ICaseStore cases, IAuditLog audit, IPersonDirectory directory, OrchestrationClient client)
{
    public async Task<DecisionResult> SendAsync(
        string caseId,
        Actor actor,
        IReadOnlyCollection<string> roles,
        string workflow,
        string eventName,
        object payload,
        string auditAction,
        string? reason,
        string? instanceId = null,
        CancellationToken cancellationToken = default)
    {
        var entitlement = await EntitleAsync(caseId, actor, roles, workflow, cancellationToken).ConfigureAwait(false);
        if (entitlement is not { Record: { } record, Role: { } role })
        {
            return entitlement.Refusal!;
        }

        var eventId = "e-" + Guid.NewGuid().ToString("N");
        try
        {
            await client.RaiseEventAsync(instanceId ?? IntakeSupport.InstanceIdFor(workflow, record.Reference), eventName, payload, eventId, cancellationToken).ConfigureAwait(false);
        }
        catch (OrchestrationException ex) when (ex.ErrorCode is OrchestrationErrorCode.InstanceCompleted or OrchestrationErrorCode.InstanceNotFound)
        {
            return DecisionResult.AlreadyDecided;
        }

        await audit.AppendAsync(
            new AuditRecord
            {
                CaseId = caseId,
                ActorId = actor.UserId,
                Role = role,
                Action = auditAction,
                Reason = reason,
                Ids = new Dictionary<string, string> { ["eventId"] = eventId, ["event"] = eventName },
            },
            cancellationToken).ConfigureAwait(false);
        return DecisionResult.Recorded(eventId);
    }

    /// <summary>
    /// Checks, before anything about the case is looked at, that the actor holds one of <paramref name="roles"/> for
    /// the case (or takes part in it) and is not excluded from it — so that validation that reads the case never
    /// tells someone outside it whether it exists.
    /// </summary>
    public async Task<CaseEntitlement> EntitleAsync(string caseId, Actor actor, IReadOnlyCollection<string> roles, string workflow, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(roles);
        var record = await cases.GetAsync(caseId, cancellationToken).ConfigureAwait(false);
        if (record is null || record.Workflow != workflow)
        {
            return new CaseEntitlement(DecisionResult.NotFound, null, null);
        }

        var facility = await directory.FindFacilityAsync(record.FacilityId, cancellationToken).ConfigureAwait(false);
        var role = actor.FirstRoleFor(roles, record.FacilityId, facility?.RegionId ?? record.RegionId)
            ?? (record.Participants.Any(p => p.PersonId == actor.UserId)
                ? actor.Roles.FirstOrDefault(r => r.Level == ScopeLevel.Organisation && roles.Contains(r.Role))?.Role
                : null);
        return role is null || record.ExcludedStaffIds.Contains(actor.UserId)
            ? new CaseEntitlement(DecisionResult.NotEntitled, null, null)
            : new CaseEntitlement(null, record, role);
    }

    public Task<CaseRecord?> FindCaseAsync(string caseId, CancellationToken cancellationToken = default) => cases.GetAsync(caseId, cancellationToken);
}
