using System.Text.Json;
using Workflows.Approvals;
using Workflows.Audit;
using Workflows.Cases;
using Workflows.People;

namespace Workflows.Referrals;

/// <summary>Intake and recorded facts of the referral workflow (the host's endpoints call these).</summary>
public sealed class ReferralService(IntakeSupport intake, WorkflowEventSender events, ICaseStore cases)
{
    /// <summary>Who may submit a referral for a facility (safeguard 9: they will never approve it).</summary>
    public static readonly string[] SubmittingRoles =
        [Roles.ReferringOfficer, Roles.ProgrammeCoordinator, Roles.SecurityOfficer, Roles.Psychologist, Roles.SocialWorker, Roles.PrisonDirector];

    private static readonly string[] ProgrammeStaff = [Roles.ProgrammeCoordinator, Roles.Psychologist, Roles.SocialWorker];
    private static readonly string[] TriggerRoles = [Roles.ProgrammeCoordinator, Roles.SecurityOfficer, Roles.Psychologist, Roles.PrisonDirector, Roles.ProbationOfficer];
    private static readonly string[] Triggers = ["incident", "intelligenceReport", "transfer", "programmeExit", "releaseWithin12Months", "paroleApplication"];

    public async Task<IntakeResult> StartReferralAsync(ReferralRequest request, Actor actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(actor);
        var facility = await intake.FindFacilityAsync(request.FacilityId, cancellationToken).ConfigureAwait(false);
        var today = DateOnly.FromDateTime(intake.Time.GetUtcNow().UtcDateTime);
        var catalogue = facility is null ? intake.Policies.Resolve(WorkflowNames.Referral, "default", null).ReasonCodes : intake.Policies.Resolve(WorkflowNames.Referral, facility.Country, facility.Id).ReasonCodes;
        var errors = ReferralValidator.Validate(request, facility, catalogue, today);
        if (errors.Count > 0)
        {
            return IntakeResult.Invalid(errors);
        }

        if (!actor.HasAnyRoleFor(SubmittingRoles, facility!.Id, facility.RegionId))
        {
            return IntakeResult.NotEntitled;
        }

        var juvenile = Intake.AgeOn(request.DateOfBirth!.Value, today) < 18 || facility.Kind == FacilityKind.JuvenileFacility;
        var female = request.Sex == "female" || facility.Kind == FacilityKind.WomenPrison;
        var track = juvenile ? ReferralTrack.Juvenile : female ? ReferralTrack.Women : ReferralTrack.Adult;
        var plan = new IntakePlan
        {
            Workflow = WorkflowNames.Referral,
            OrchestrationName = ReferralOrchestration.Name,
            ReferencePrefix = "REF",
            FacilityId = facility.Id,
            ClientRequestId = request.ClientRequestId,
            SubjectId = request.PrisonerId,
            SubjectLanguage = request.Language ?? "en",
            IsJuvenile = juvenile,
            Attachments = request.Attachments ?? [],
            Sections =
            [
                Section(DataTier.Identity, "identity", new { request.PrisonerId, request.DateOfBirth, request.DateOfBirthEstimated, request.Sex, request.Language, request.InterpreterNeeded }),
                Section(DataTier.Workflow, "referral", new { request.Trigger, request.ReasonCodes, request.EvidenceNarrative, urgency = request.Urgency ?? "Routine", track = track.ToString() }),
            ],
            BuildInput = context => new ReferralInput
            {
                Case = CaseInfo.From(WorkflowNames.Referral, context),
                Policy = context.Policy,
                Track = track,
                FemaleSubject = female,
                Urgent = request.Urgency == "Urgent",
            },
        };
        return await intake.StartAsync(plan, actor, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Records the information and consent session (safeguard 4); juveniles need the guardian's consent and the child's views.</summary>
    public async Task<DecisionResult> RecordConsentAsync(string caseId, ConsentRecord consent, Actor actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(consent);
        var entitlement = await events.EntitleAsync(caseId, actor, ProgrammeStaff, WorkflowNames.Referral, cancellationToken).ConfigureAwait(false);
        if (entitlement is not { Record: { } record })
        {
            return entitlement.Refusal!;
        }

        var errors = new List<FieldError>();
        Intake.RequireText(errors, "language", consent.Language, 16, "Record the language of the session.");
        Intake.RequireText(errors, "whatWasExplained", consent.WhatWasExplained, 4000, "Record what was explained.");
        if (!consent.LimitsOfConfidentialityExplained)
        {
            errors.Add(new FieldError("limitsOfConfidentialityExplained", ErrorCodes.Required, "The limits of confidentiality must be explained."));
        }

        if (!consent.RightToWithdrawExplained)
        {
            errors.Add(new FieldError("rightToWithdrawExplained", ErrorCodes.Required, "The right to withdraw must be explained."));
        }

        if (record is { IsJuvenile: true })
        {
            if (consent.Given && consent.GuardianConsent is not true)
            {
                errors.Add(new FieldError("guardianConsent", ErrorCodes.Required, "A child's participation needs the guardian's consent."));
            }

            Intake.RequireText(errors, "childViews", consent.ChildViews, 4000, "Record the child's views.");
        }

        if (errors.Count > 0)
        {
            return DecisionResult.Invalid(errors);
        }

        var consentId = "consent-" + Guid.NewGuid().ToString("N")[..8];
        var result = await events.SendAsync(caseId, actor, ProgrammeStaff, WorkflowNames.Referral, ReferralEvents.ConsentRecorded, new ConsentSignal(consent.Given, consentId), AuditActions.ConsentRecorded, consent.Given ? "Given" : "Refused", cancellationToken: cancellationToken).ConfigureAwait(false);
        if (result.Status == DecisionStatus.Recorded)
        {
            await cases.WriteSectionAsync(caseId, new CaseSection { Tier = DataTier.Workflow, Name = consentId, Data = JsonSerializer.SerializeToElement(consent), UpdatedBy = actor.UserId }, cancellationToken).ConfigureAwait(false);
        }

        return result;
    }

    public Task<DecisionResult> RecordProgrammeStartAsync(string caseId, Actor actor, string programmeId, CancellationToken cancellationToken = default) =>
        events.SendAsync(caseId, actor, [Roles.ProgrammeCoordinator], WorkflowNames.Referral, ReferralEvents.ProgrammeStarted, new StartedSignal(programmeId), AuditActions.EventRecorded, "ProgrammeStarted", cancellationToken: cancellationToken);

    /// <summary>Safeguard 3: a triggered risk re-assessment (incident, intelligence report, transfer, exit, 12 months before release, parole application).</summary>
    public async Task<DecisionResult> TriggerReassessmentAsync(string caseId, string trigger, Actor actor, CancellationToken cancellationToken = default)
    {
        if (!Triggers.Contains(trigger))
        {
            return DecisionResult.Invalid("trigger", ErrorCodes.UnknownValue, $"Use one of {string.Join(", ", Triggers)}.");
        }

        return await events.SendAsync(caseId, actor, TriggerRoles, WorkflowNames.Referral, ReferralEvents.ReassessmentTriggered, new TriggerSignal(trigger), AuditActions.EventRecorded, "ReassessmentTriggered " + trigger, cancellationToken: cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Exit: completion (coordinator), withdrawal by the prisoner (neutral), suspension by the director with reasons.</summary>
    public async Task<DecisionResult> RecordExitAsync(string caseId, ExitKind kind, string? reasons, Actor actor, CancellationToken cancellationToken = default)
    {
        if (kind == ExitKind.Suspension && string.IsNullOrWhiteSpace(reasons))
        {
            return DecisionResult.Invalid("reasons", ErrorCodes.Required, "A suspension needs its reasons (the prisoner is told them and how to complain).");
        }

        string[] roles = kind == ExitKind.Suspension ? [Roles.PrisonDirector] : ProgrammeStaff;
        return await events.SendAsync(caseId, actor, roles, WorkflowNames.Referral, ReferralEvents.ProgrammeExit, new ExitSignal(kind), AuditActions.EventRecorded, $"ProgrammeExit {kind} {reasons}".Trim(), cancellationToken: cancellationToken).ConfigureAwait(false);
    }

    private static CaseSection Section(DataTier tier, string name, object data) =>
        new() { Tier = tier, Name = name, Data = JsonSerializer.SerializeToElement(data, data.GetType()) };
}
