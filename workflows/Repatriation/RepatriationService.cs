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
            ValidateMembers(errors, request.Members, DateOnly.FromDateTime(intake.Time.GetUtcNow().UtcDateTime));
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
                Sections =
                [
                    new CaseSection { Tier = DataTier.Identity, Name = "household", Data = JsonSerializer.SerializeToElement(new { request.ConsularListRef, members = request.Members!.Select(m => m.MemberRef).ToList(), provisional = true }) },
                    new CaseSection { Tier = DataTier.Identity, Name = HouseholdIdentity.SectionName, Data = HouseholdIdentity.From(request.Members!) },
                    HouseholdWarrants.SectionFor(request.Members!),
                ],
                BuildInput = context => new RepatriationInput
                {
                    Case = CaseInfo.From(WorkflowNames.Repatriation, context),
                    Policy = context.Policy,
                    Members = request.Members!.Select(m => m.ForWorkflowInput()).ToList(),
                    WomenAndGirls = request.Members!.Where(m => m.Sex == "female").Select(m => m.MemberRef!).ToList(),
                },
            },
            actor,
            cancellationToken).ConfigureAwait(false);
    }

    /// <summary>A consent: <c>parent:{childRef}</c> (a parent abroad for a child's return) or <c>dna:{memberRef}</c>.</summary>
    public Task<DecisionResult> RecordConsentAsync(string caseId, string consentId, bool given, Actor actor, CancellationToken cancellationToken = default)
    {
        if (consentId is null || !(consentId.StartsWith("parent:", StringComparison.Ordinal) || consentId.StartsWith("dna:", StringComparison.Ordinal)) || consentId.IndexOf(':', StringComparison.Ordinal) == consentId.Length - 1)
        {
            return Task.FromResult(DecisionResult.Invalid("consentId", ErrorCodes.UnknownValue, "Use parent:{childRef} or dna:{memberRef}."));
        }

        return events.SendAsync(caseId, actor, [Roles.ConsularService, Roles.SocialWorker], WorkflowNames.Repatriation, RepatriationEvents.ConsentRecorded, new HouseholdConsentSignal(consentId, given), AuditActions.ConsentRecorded, $"{consentId} {(given ? "given" : "refused")}", cancellationToken: cancellationToken);
    }

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

    private static void ValidateMembers(List<FieldError> errors, IReadOnlyList<HouseholdMember> members, DateOnly today)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var adults = members.Where(m => m.Adult && m.MemberRef is not null).Select(m => m.MemberRef!).ToHashSet(StringComparer.Ordinal);
        for (var i = 0; i < members.Count; i++)
        {
            var member = members[i];
            var field = $"members[{i}]";
            Intake.RequireId(errors, field + ".memberRef", member.MemberRef);
            if (member.MemberRef is { } r && !seen.Add(r))
            {
                errors.Add(new FieldError(field + ".memberRef", ErrorCodes.Duplicate, "Each member appears once."));
            }

            if (member is { Adult: true, NeedsParentConsent: true })
            {
                errors.Add(new FieldError(field + ".needsParentConsent", ErrorCodes.NotAllowed, "Only a child's return needs a parent's consent."));
            }

            if (member.ParentRef is { } parent && (member.Adult || !adults.Contains(parent)))
            {
                errors.Add(new FieldError(field + ".parentRef", member.Adult ? ErrorCodes.NotAllowed : ErrorCodes.UnknownValue, "A child's parent is an adult member of this household."));
            }

            if (member.DateOfBirth is { } born)
            {
                if (born > today || born < today.AddYears(-120))
                {
                    errors.Add(new FieldError(field + ".dateOfBirth", ErrorCodes.OutOfRange, "The date of birth is not plausible."));
                }
                else if ((Intake.AgeOn(born, today) >= 18) != member.Adult)
                {
                    errors.Add(new FieldError(field + ".dateOfBirth", ErrorCodes.OutOfRange, member.Adult ? "By this date of birth the member is a child." : "By this date of birth the member is an adult."));
                }
            }

            if (member.Sex is not null and not ("female" or "male"))
            {
                errors.Add(new FieldError(field + ".sex", ErrorCodes.UnknownValue, "Use female or male."));
            }
        }
    }
}
