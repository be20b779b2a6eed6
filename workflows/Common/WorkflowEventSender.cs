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
        ArgumentNullException.ThrowIfNull(actor);
        var record = await cases.GetAsync(caseId, cancellationToken).ConfigureAwait(false);
        if (record is null || record.Workflow != workflow)
        {
            return DecisionResult.NotFound;
        }

        var facility = await directory.FindFacilityAsync(record.FacilityId, cancellationToken).ConfigureAwait(false);
        var role = actor.FirstRoleFor(roles, record.FacilityId, facility?.RegionId ?? record.RegionId)
            ?? (record.Participants.Any(p => p.PersonId == actor.UserId)
                ? actor.Roles.FirstOrDefault(r => r.Level == ScopeLevel.Organisation && roles.Contains(r.Role))?.Role
                : null);
        if (role is null || record.ExcludedStaffIds.Contains(actor.UserId))
        {
            return DecisionResult.NotEntitled;
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

    public Task<CaseRecord?> FindCaseAsync(string caseId, CancellationToken cancellationToken = default) => cases.GetAsync(caseId, cancellationToken);
}
