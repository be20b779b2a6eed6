using Workflows.Approvals;
using Workflows.Audit;
using Workflows.Cases;
using Workflows.People;
using Workflows.Engine.Client;

namespace Workflows.CsoAccess;

/// <summary>Intake and requests of the CSO access workflow.</summary>
public sealed class CsoAccessService(IntakeSupport intake, WorkflowEventSender events, ICaseStore cases, IAuditLog audit, OrchestrationClient client)
{
    private static readonly string[] FocalPoint = [Roles.CsoFocalPoint];

    public async Task<IntakeResult> StartApplicationAsync(CsoAccessRequest request, Actor actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(actor);
        var errors = new List<FieldError>();
        Intake.RequireId(errors, "organisationId", request.OrganisationId);
        Intake.RequireId(errors, "registrationNumber", request.RegistrationNumber);
        Intake.RequireText(errors, "programmeDescription", request.ProgrammeDescription, 8000, "Describe the programme.");
        Intake.RequireText(errors, "targetGroup", request.TargetGroup, 2000, "Describe the target group.");
        if (request.StaffIds is not { Count: > 0 })
        {
            errors.Add(new FieldError("staffIds", ErrorCodes.Required, "List the staff who would enter prisons."));
        }

        var facilities = new List<Facility>();
        if (request.FacilityIds is not { Count: > 0 })
        {
            errors.Add(new FieldError("facilityIds", ErrorCodes.Required, "Name at least one prison."));
        }
        else
        {
            for (var i = 0; i < request.FacilityIds.Count; i++)
            {
                if (await intake.FindFacilityAsync(request.FacilityIds[i], cancellationToken).ConfigureAwait(false) is { } f)
                {
                    facilities.Add(f);
                }
                else
                {
                    errors.Add(new FieldError($"facilityIds[{i}]", ErrorCodes.UnknownValue, "No such prison."));
                }
            }
        }

        foreach (var (field, ok) in new[] { ("safeguardingPolicyProvided", request.SafeguardingPolicyProvided), ("dataHandlingPlanProvided", request.DataHandlingPlanProvided), ("codeOfConductAccepted", request.CodeOfConductAccepted) })
        {
            if (!ok)
            {
                errors.Add(new FieldError(field, ErrorCodes.Required, "Required for an application."));
            }
        }

        if (errors.Count > 0)
        {
            return IntakeResult.Invalid(errors);
        }

        if (!actor.Roles.Any(r => r is { Role: Roles.CsoFocalPoint, Level: ScopeLevel.Organisation } && r.ScopeId == request.OrganisationId))
        {
            return IntakeResult.NotEntitled;
        }

        return await intake.StartAsync(
            new IntakePlan
            {
                Workflow = WorkflowNames.CsoAccess,
                OrchestrationName = CsoAccessOrchestration.Name,
                ReferencePrefix = "CSO",
                FacilityId = facilities[0].Id,
                ClientRequestId = request.ClientRequestId,
                Sections = [new CaseSection { Tier = DataTier.Workflow, Name = "application", Data = System.Text.Json.JsonSerializer.SerializeToElement(request) }],
                BuildInput = context => new CsoAccessInput
                {
                    Case = CaseInfo.From(WorkflowNames.CsoAccess, context),
                    Policy = context.Policy,
                    OrganisationId = request.OrganisationId!,
                    StaffIds = request.StaffIds!,
                    FacilityIds = facilities.Select(f => f.Id).ToList(),
                    FaithBasedContent = request.FaithBasedContent,
                    InterAgencyDecision = request.InterAgencyDecision,
                },
            },
            actor,
            cancellationToken).ConfigureAwait(false);
    }

    public Task<DecisionResult> RequestReconsiderationAsync(string caseId, Actor actor, string reasons, CancellationToken cancellationToken = default) =>
        events.SendAsync(caseId, actor, FocalPoint, WorkflowNames.CsoAccess, CsoEvents.ReconsiderationRequested, new CsoSignal("reconsideration"), AuditActions.EventRecorded, "ReconsiderationRequested " + reasons, cancellationToken: cancellationToken);

    /// <summary>A staff member added to the permit later: CSO focal point, then security vetting, then the central unit.</summary>
    public async Task<DecisionResult> RequestStaffAdditionAsync(string caseId, string staffId, Actor actor, CancellationToken cancellationToken = default)
    {
        var errors = new List<FieldError>();
        Intake.RequireId(errors, "staffId", staffId);
        if (errors.Count > 0)
        {
            return DecisionResult.Invalid(errors);
        }

        return await events.SendAsync(caseId, actor, FocalPoint, WorkflowNames.CsoAccess, CsoEvents.StaffAdditionRequested, new CsoSignal("staff", StaffId: staffId, RequestedBy: actor.UserId), AuditActions.EventRecorded, "StaffAdditionRequested", cancellationToken: cancellationToken).ConfigureAwait(false);
    }

    public Task<DecisionResult> RequestRenewalAsync(string caseId, Actor actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        return events.SendAsync(caseId, actor, FocalPoint, WorkflowNames.CsoAccess, CsoEvents.RenewalRequested, new CsoSignal("renewal", RequestedBy: actor.UserId), AuditActions.EventRecorded, "RenewalRequested", cancellationToken: cancellationToken);
    }

    /// <summary>Immediate suspension by a prison director on an incident (reason required).</summary>
    public async Task<DecisionResult> SuspendAsync(string caseId, string facilityId, string reason, Actor director, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(director);
        if (string.IsNullOrWhiteSpace(reason))
        {
            return DecisionResult.Invalid("reason", ErrorCodes.Required, "A suspension records the incident.");
        }

        if (!director.HasRoleFor(Roles.PrisonDirector, facilityId, null))
        {
            return DecisionResult.NotEntitled;
        }

        return await events.SendAsync(caseId, director, [Roles.PrisonDirector, Roles.CentralAdministration], WorkflowNames.CsoAccess, CsoEvents.SuspensionRequested, new CsoSignal("suspension", FacilityId: facilityId, RequestedBy: director.UserId), AuditActions.EventRecorded, "Suspended: " + reason, cancellationToken: cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The CSO's response to a suspension (only while suspended: a response to nothing would answer a later suspension).</summary>
    public async Task<DecisionResult> RespondToSuspensionAsync(string caseId, Actor actor, string response, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrWhiteSpace(response))
        {
            return DecisionResult.Invalid("response", ErrorCodes.Required, "Write the CSO's response.");
        }

        var entitlement = await events.EntitleAsync(caseId, actor, FocalPoint, WorkflowNames.CsoAccess, cancellationToken).ConfigureAwait(false);
        if (entitlement is not { Record: { } record })
        {
            return entitlement.Refusal!;
        }

        if (record.Status != CsoOutcomes.Suspended)
        {
            return DecisionResult.Invalid("caseId", ErrorCodes.NotAllowed, "The permit is not suspended.");
        }

        return await events.SendAsync(caseId, actor, FocalPoint, WorkflowNames.CsoAccess, CsoEvents.CsoResponded, new CsoSignal("response", RequestedBy: actor?.UserId), AuditActions.EventRecorded, "CsoResponded " + response, cancellationToken: cancellationToken).ConfigureAwait(false);
    }

    /// <summary>A per-visit request: at least 3 working days ahead unless it is an emergency (director first).</summary>
    public async Task<IntakeResult> RequestVisitAsync(string caseId, CsoVisitRequest request, Actor actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(actor);
        var record = await cases.GetAsync(caseId, cancellationToken).ConfigureAwait(false);
        if (record is null || record.Workflow != WorkflowNames.CsoAccess)
        {
            return new IntakeResult(IntakeStatus.Invalid, Errors: [new FieldError("caseId", ErrorCodes.UnknownValue, "No such permit.")]);
        }

        var input = (await client.GetInstanceAsync(IntakeSupport.InstanceIdFor(WorkflowNames.CsoAccess, record.Reference), true, cancellationToken).ConfigureAwait(false))?.Input;
        var access = client.Converter.Deserialize<CsoAccessInput>(input);
        if (access is null || !actor.Roles.Any(r => r.Role is Roles.CsoFocalPoint or Roles.CsoStaff && r.ScopeId == access.OrganisationId))
        {
            return IntakeResult.NotEntitled;
        }

        var permit = PermitRecord.From(await cases.ReadSectionsAsync(caseId, cancellationToken).ConfigureAwait(false));
        var facility = await intake.FindFacilityAsync(request.FacilityId, cancellationToken).ConfigureAwait(false);
        var policy = intake.Policies.Resolve(WorkflowNames.CsoVisit, facility?.Country ?? "default", facility?.Id);
        var now = intake.Time.GetUtcNow();
        var errors = new List<FieldError>();
        if (record.Status != CsoOutcomes.PermitActive || permit is null)
        {
            errors.Add(new FieldError("caseId", ErrorCodes.NotAllowed, "Visits need an active, unsuspended permit."));
        }

        if (facility is null || permit?.Facilities.Contains(facility.Id) != true)
        {
            errors.Add(new FieldError("facilityId", ErrorCodes.UnknownValue, "The permit does not cover this prison."));
        }

        if (request.VisitAt is not { } visitAt)
        {
            errors.Add(new FieldError("visitAt", ErrorCodes.Required, "When is the visit?"));
        }
        else if (visitAt <= now || (permit is not null && visitAt > permit.ValidUntil))
        {
            errors.Add(new FieldError("visitAt", ErrorCodes.OutOfRange, "The visit must fall within the permit's validity."));
        }
        else if (!request.Emergency && visitAt < policy.Calendar.Add(now, policy.Timer("visitNotice")))
        {
            errors.Add(new FieldError("visitAt", ErrorCodes.TooSoon, "Visits are requested at least 3 working days ahead; a sooner visit is an emergency request."));
        }

        if (request.StaffIds is not { Count: > 0 } || request.StaffIds.Any(s => permit?.Staff.Contains(s) != true))
        {
            errors.Add(new FieldError("staffIds", ErrorCodes.NotAllowed, "Only vetted staff named in the permit may visit."));
        }

        if (errors.Count > 0)
        {
            return IntakeResult.Invalid(errors);
        }

        var instanceId = $"{IntakeSupport.InstanceIdFor(WorkflowNames.CsoVisit, record.Reference)}-{Guid.NewGuid().ToString("N")[..8]}";
        var info = new CaseInfo(WorkflowNames.CsoVisit, caseId, record.Reference, facility!.Id, facility.RegionId, actor.UserId);
        await client.ScheduleNewOrchestrationAsync(
            CsoVisitOrchestration.Name,
            new CsoVisitInput(info, policy, access.OrganisationId, request.VisitAt!.Value, request.Emergency),
            new StartOrchestrationOptions { InstanceId = instanceId, Tags = new Dictionary<string, string> { [WorkflowNames.CaseTag] = caseId, [WorkflowNames.WorkflowTag] = WorkflowNames.CsoVisit, [WorkflowNames.FacilityTag] = facility.Id } },
            cancellationToken).ConfigureAwait(false);
        await audit.AppendAsync(new AuditRecord { CaseId = caseId, ActorId = actor.UserId, Role = actor.PrimaryRole, Action = AuditActions.WorkflowStarted, Reason = request.Emergency ? "EmergencyVisit" : "Visit", Ids = new Dictionary<string, string> { ["instanceId"] = instanceId } }, cancellationToken).ConfigureAwait(false);
        return new IntakeResult(IntakeStatus.Started, instanceId, caseId, record.Reference);
    }
}
