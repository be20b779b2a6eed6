using System.Text.Json;
using Workflows.Approvals;
using Workflows.Audit;
using Workflows.Cases;
using Workflows.People;

namespace Workflows.Repatriation;

/// <summary>Intake and recorded facts of repatriation cases.</summary>
public sealed class RepatriationService(IntakeSupport intake, WorkflowEventSender events)
{
    private static readonly string[] IntakeRoles = [Roles.ConsularService, Roles.CentralAdministration, Roles.RegionalCoordinator];
    private static readonly string[] CentreRoles = [Roles.CentreDirector, Roles.SocialWorker, Roles.ConsularService, Roles.MedicalOfficer];
    private static readonly string[] ChildRoles = [Roles.SocialWorker, Roles.ChildProtection];

    public async Task<IntakeResult> StartHouseholdAsync(HouseholdRequest request, Actor actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(actor);
        var centre = await intake.FindFacilityAsync(request.CentreId, cancellationToken).ConfigureAwait(false);
        var errors = new List<FieldError>();
        if (centre is not { Kind: FacilityKind.AdaptationCentre })
        {
            errors.Add(new FieldError("centreId", string.IsNullOrWhiteSpace(request.CentreId) ? ErrorCodes.Required : ErrorCodes.UnknownValue, "Name the adaptation centre."));
        }

        if (request.Members is not { Count: > 0 })
        {
            errors.Add(new FieldError("members", ErrorCodes.Required, "List the household's members."));
        }
        else
        {
            var seen = new HashSet<string>(StringComparer.Ordinal);
            for (var i = 0; i < request.Members.Count; i++)
            {
                var field = $"members[{i}].memberRef";
                Intake.RequireId(errors, field, request.Members[i].MemberRef);
                if (request.Members[i].MemberRef is { } r && !seen.Add(r))
                {
                    errors.Add(new FieldError(field, ErrorCodes.Duplicate, "Each member appears once."));
                }

                if (request.Members[i] is { Adult: true, NeedsParentConsent: true })
                {
                    errors.Add(new FieldError($"members[{i}].needsParentConsent", ErrorCodes.NotAllowed, "Only a child's return needs a parent's consent."));
                }
            }
        }

        if (errors.Count > 0)
        {
            return IntakeResult.Invalid(errors);
        }

        if (!actor.HasAnyRoleFor(IntakeRoles, centre!.Id, centre.RegionId))
        {
            return IntakeResult.NotEntitled;
        }

        return await intake.StartAsync(
            new IntakePlan
            {
                Workflow = WorkflowNames.Repatriation,
                OrchestrationName = RepatriationOrchestration.Name,
                ReferencePrefix = "REP",
                FacilityId = centre.Id,
                ClientRequestId = request.ClientRequestId,
                IsJuvenile = request.Members!.Any(m => !m.Adult),
                Sections = [new CaseSection { Tier = DataTier.Identity, Name = "household", Data = JsonSerializer.SerializeToElement(new { request.ConsularListRef, members = request.Members!.Select(m => m.MemberRef).ToList(), provisional = true }) }],
                BuildInput = context => new RepatriationInput { Case = CaseInfo.From(WorkflowNames.Repatriation, context), Policy = context.Policy, Members = request.Members! },
            },
            actor,
            cancellationToken).ConfigureAwait(false);
    }

    /// <summary>A consent: <c>parent:{childRef}</c> (a parent abroad for a child's return) or <c>dna:{memberRef}</c>.</summary>
    public Task<DecisionResult> RecordConsentAsync(string caseId, string consentId, bool given, Actor actor, CancellationToken cancellationToken = default) =>
        events.SendAsync(caseId, actor, [Roles.ConsularService, Roles.SocialWorker], WorkflowNames.Repatriation, RepatriationEvents.ConsentRecorded, new HouseholdConsentSignal(consentId, given), AuditActions.ConsentRecorded, $"{consentId} {(given ? "given" : "refused")}", cancellationToken: cancellationToken);

    public Task<DecisionResult> RecordArrivalAsync(string caseId, Actor actor, CancellationToken cancellationToken = default) =>
        events.SendAsync(caseId, actor, CentreRoles, WorkflowNames.Repatriation, RepatriationEvents.ArrivalRecorded, new HouseholdSignal("arrival"), AuditActions.EventRecorded, "Arrival", cancellationToken: cancellationToken);

    public Task<DecisionResult> RecordDocumentsRestoredAsync(string caseId, Actor actor, CancellationToken cancellationToken = default) =>
        events.SendAsync(caseId, actor, CentreRoles, WorkflowNames.Repatriation, RepatriationEvents.DocumentsRestored, new HouseholdSignal("documents"), AuditActions.EventRecorded, "DocumentsRestored", cancellationToken: cancellationToken);

    /// <summary>The receiving family's agreement for one child: the gate before the child-protection decision.</summary>
    public async Task<DecisionResult> RecordFamilyAgreementAsync(string caseId, string childRef, bool agreed, Actor actor, CancellationToken cancellationToken = default)
    {
        var record = await events.FindCaseAsync(caseId, cancellationToken).ConfigureAwait(false);
        if (record is null)
        {
            return DecisionResult.NotFound;
        }

        var instanceId = RepatriationOrchestration.ChildInstanceId(IntakeSupport.InstanceIdFor(WorkflowNames.Repatriation, record.Reference), childRef);
        return await events.SendAsync(caseId, actor, ChildRoles, WorkflowNames.Repatriation, RepatriationEvents.FamilyAgreementRecorded, new FamilyAgreementSignal(agreed), AuditActions.EventRecorded, $"FamilyAgreement {childRef} {agreed}", instanceId, cancellationToken).ConfigureAwait(false);
    }

    public Task<DecisionResult> CloseAsync(string caseId, Actor actor, CancellationToken cancellationToken = default) =>
        events.SendAsync(caseId, actor, [Roles.RegionalCoordinator, Roles.NationalBody, Roles.CentralAdministration], WorkflowNames.Repatriation, RepatriationEvents.CaseClosed, new HouseholdSignal("closed"), AuditActions.EventRecorded, "CaseClosed", cancellationToken: cancellationToken);
}
