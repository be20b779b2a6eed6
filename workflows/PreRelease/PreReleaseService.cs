using System.Text.Json;
using Workflows.Approvals;
using Workflows.Audit;
using Workflows.Cases;
using Workflows.People;

namespace Workflows.PreRelease;

/// <summary>Intake and recorded facts of pre-release planning and post-release follow-up.</summary>
public sealed class PreReleaseService(IntakeSupport intake, WorkflowEventSender events, ICaseStore cases, IAuditLog audit)
{
    public static readonly string[] PlanningRoles = [Roles.SocialWorker, Roles.ProgrammeCoordinator, Roles.PrisonDirector];
    private static readonly string[] CourtRoles = [Roles.PrisonDirector, Roles.SocialWorker, Roles.ProbationOfficer];
    private static readonly string[] RiskLevels = ["Low", "Medium", "High"];
    private static readonly string[] SupervisionRoles = [Roles.ProbationOfficer, Roles.PrisonDirector];
    private static readonly string[] AftercareRoles = [Roles.SocialWorker, Roles.ProbationOfficer];
    private static readonly string[] PlanRecordingRoles = [Roles.SocialWorker, Roles.ProgrammeCoordinator, Roles.ProbationOfficer];
    private static readonly JsonSerializerOptions PlanJson = new(JsonSerializerDefaults.Web);

    public async Task<IntakeResult> StartPlanningAsync(PreReleaseRequest request, Actor actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(actor);
        var facility = await intake.FindFacilityAsync(request.FacilityId, cancellationToken).ConfigureAwait(false);
        var errors = new List<FieldError>();
        Intake.RequireId(errors, "prisonerId", request.PrisonerId);
        if (facility is null || facility.Kind == FacilityKind.AdaptationCentre)
        {
            errors.Add(new FieldError("facilityId", string.IsNullOrWhiteSpace(request.FacilityId) ? ErrorCodes.Required : ErrorCodes.UnknownValue, "The prison is required."));
        }

        var today = DateOnly.FromDateTime(intake.Time.GetUtcNow().UtcDateTime);
        if (request.ReleaseDate is not { } release)
        {
            errors.Add(new FieldError("releaseDate", ErrorCodes.Required, "The release date R is required."));
        }
        else if (release <= today)
        {
            errors.Add(new FieldError("releaseDate", ErrorCodes.OutOfRange, "The release date must be in the future."));
        }

        if (request.RiskLevel is null || !RiskLevels.Contains(request.RiskLevel))
        {
            errors.Add(new FieldError("riskLevel", request.RiskLevel is null ? ErrorCodes.Required : ErrorCodes.UnknownValue, "Use Low, Medium or High."));
        }

        if (request.Sex is not null and not ("female" or "male"))
        {
            errors.Add(new FieldError("sex", ErrorCodes.UnknownValue, "Use female or male."));
        }

        Intake.ValidateLanguage(errors, "language", request.Language);
        if (errors.Count > 0)
        {
            return IntakeResult.Invalid(errors);
        }

        if (!actor.HasAnyRoleFor(PlanningRoles, facility!.Id, facility.RegionId))
        {
            return IntakeResult.NotEntitled;
        }

        var releaseAt = new DateTimeOffset(request.ReleaseDate!.Value.ToDateTime(new TimeOnly(9, 0)), TimeSpan.Zero);
        var sex = request.Sex ?? await LinkedReferralSexAsync(request, cancellationToken).ConfigureAwait(false);
        var female = sex == "female" || facility.Kind == FacilityKind.WomenPrison;
        return await intake.StartAsync(
            new IntakePlan
            {
                Workflow = WorkflowNames.PreRelease,
                OrchestrationName = PreReleaseOrchestration.Name,
                ReferencePrefix = "PRE",
                FacilityId = facility.Id,
                ClientRequestId = request.ClientRequestId,
                SubjectId = request.PrisonerId,
                SubjectLanguage = request.Language ?? "en",
                LinkedCaseIds = request.ReferralCaseId is { } r ? [r] : [],
                Sections =
                [
                    new CaseSection { Tier = DataTier.Identity, Name = "identity", Data = JsonSerializer.SerializeToElement(new { request.PrisonerId, Sex = sex, request.Language }) },
                    new CaseSection { Tier = DataTier.Legal, Name = "release", Data = JsonSerializer.SerializeToElement(new { request.ReleaseDate, request.RiskLevel }) },
                    new CaseSection { Tier = DataTier.Workflow, Name = "planning", Data = JsonSerializer.SerializeToElement(new { request.CaringResponsibilities, request.ResidenceRegionId }) },
                ],
                BuildInput = context => new PreReleaseInput
                {
                    Case = CaseInfo.From(WorkflowNames.PreRelease, context) with { RegionId = request.ResidenceRegionId ?? context.RegionId },
                    Policy = context.Policy,
                    ReleaseAt = releaseAt,
                    RiskLevel = request.RiskLevel!,
                    FemaleSubject = female,
                },
            },
            actor,
            cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The sex recorded in the identity tier of the linked referral of the same prisoner, if any.</summary>
    private async Task<string?> LinkedReferralSexAsync(PreReleaseRequest request, CancellationToken cancellationToken)
    {
        if (request.ReferralCaseId is not { } referralCaseId
            || await cases.GetAsync(referralCaseId, cancellationToken).ConfigureAwait(false) is not { Workflow: WorkflowNames.Referral } referral
            || referral.SubjectId != request.PrisonerId)
        {
            return null;
        }

        var identity = (await cases.ReadSectionsAsync(referralCaseId, cancellationToken).ConfigureAwait(false)).FirstOrDefault(s => s is { Tier: DataTier.Identity, Name: "identity" });
        return identity is { Data.ValueKind: JsonValueKind.Object } && identity.Data.TryGetProperty("Sex", out var recorded) && recorded.ValueKind == JsonValueKind.String
            ? recorded.GetString()
            : null;
    }

    /// <summary>A court or parole decision moves R; every pending milestone moves with it.</summary>
    public async Task<DecisionResult> RecordCourtDecisionAsync(string caseId, DateOnly newReleaseDate, string decisionRef, Actor actor, CancellationToken cancellationToken = default)
    {
        if (newReleaseDate <= DateOnly.FromDateTime(intake.Time.GetUtcNow().UtcDateTime))
        {
            return DecisionResult.Invalid("releaseDate", ErrorCodes.OutOfRange, "The new release date must be in the future.");
        }

        if (string.IsNullOrWhiteSpace(decisionRef))
        {
            return DecisionResult.Invalid("decisionRef", ErrorCodes.Required, "Record the court decision's reference.");
        }

        var releaseAt = new DateTimeOffset(newReleaseDate.ToDateTime(new TimeOnly(9, 0)), TimeSpan.Zero);
        return await events.SendAsync(caseId, actor, CourtRoles, WorkflowNames.PreRelease, PreReleaseEvents.ReleaseDateChanged, new ReleaseDateSignal(releaseAt, decisionRef), AuditActions.EventRecorded, "CourtDecision " + decisionRef, cancellationToken: cancellationToken).ConfigureAwait(false);
    }

    public Task<DecisionResult> RecordContactAsync(string caseId, bool attended, Actor actor, CancellationToken cancellationToken = default) =>
        events.SendAsync(caseId, actor, [Roles.ProbationOfficer], WorkflowNames.PreRelease, PreReleaseEvents.ContactRecorded, new ContactSignal(attended), AuditActions.EventRecorded, attended ? "ContactAttended" : "ContactMissed", cancellationToken: cancellationToken);

    /// <summary>Mandatory legal supervision: imposed conditions, each with its legal basis and imposing authority (legal tier).</summary>
    public async Task<DecisionResult> RecordSupervisionAsync(string caseId, IReadOnlyList<SupervisionCondition>? conditions, Actor actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var errors = new List<FieldError>();
        if (conditions is not { Count: > 0 })
        {
            errors.Add(new FieldError("conditions", ErrorCodes.Required, "List the supervision conditions."));
        }
        else
        {
            for (var i = 0; i < conditions.Count; i++)
            {
                Intake.RequireText(errors, $"conditions[{i}].condition", conditions[i].Condition, 2000, "State the condition.");
                Intake.RequireText(errors, $"conditions[{i}].legalBasis", conditions[i].LegalBasis, 500, "An imposed condition names its legal basis.");
                Intake.RequireText(errors, $"conditions[{i}].imposingAuthority", conditions[i].ImposingAuthority, 200, "An imposed condition names the authority that imposed it.");
            }
        }

        if (errors.Count > 0)
        {
            return DecisionResult.Invalid(errors);
        }

        return await WriteAsync(caseId, actor, SupervisionRoles, new CaseSection
        {
            Tier = DataTier.Legal,
            Name = "legalSupervision",
            Data = JsonSerializer.SerializeToElement(new { kind = "mandatory", imposed = true, conditions = conditions!.Select(c => new { condition = c.Condition, legalBasis = c.LegalBasis, imposingAuthority = c.ImposingAuthority, duration = c.Duration }).ToList() }),
        }, "LegalSupervisionRecorded", cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// The release and risk management plan as the planning conference agreed it (step 3), recorded as the
    /// plan's draft (workflow tier) until plan approval seals it. Every entry names what safeguard 11 asks:
    /// an action its owner agency and due date, a supervision condition its legal basis and imposing
    /// authority, a disclosure its legal basis and duration. Invalid input writes nothing.
    /// </summary>
    public async Task<DecisionResult> RecordPlanAsync(string caseId, ReleasePlanContent? plan, Actor actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var errors = ValidatePlan(plan, DateOnly.FromDateTime(intake.Time.GetUtcNow().UtcDateTime));
        if (errors.Count > 0)
        {
            return DecisionResult.Invalid(errors);
        }

        var content = new ReleasePlanContent
        {
            Actions = plan!.Actions!,
            SupervisionConditions = plan.SupervisionConditions ?? [],
            ContactSchedule = plan.ContactSchedule!,
            ContingencyTriggers = plan.ContingencyTriggers!,
            InformationSharing = plan.InformationSharing ?? [],
        };
        return await WriteAsync(caseId, actor, PlanRecordingRoles, new CaseSection { Tier = DataTier.Workflow, Name = ReleasePlanSections.Draft, Data = JsonSerializer.SerializeToElement(content, PlanJson) }, "ReleasePlanRecorded", cancellationToken).ConfigureAwait(false);
    }

    private static List<FieldError> ValidatePlan(ReleasePlanContent? plan, DateOnly today)
    {
        var errors = new List<FieldError>();
        if (plan is null)
        {
            errors.Add(new FieldError("plan", ErrorCodes.Required, "Record the plan."));
            return errors;
        }

        Require(errors, "actions", plan.Actions, "List the plan's actions.", (a, f) =>
        {
            Intake.RequireText(errors, f + ".action", a.Action, 2000, "State the action.");
            Intake.RequireText(errors, f + ".ownerAgency", a.OwnerAgency, 200, "Name the agency that owns the action.");
            if (a.Due is not { } due)
            {
                errors.Add(new FieldError(f + ".due", ErrorCodes.Required, "Give the action's due date."));
            }
            else if (due < today)
            {
                errors.Add(new FieldError(f + ".due", ErrorCodes.OutOfRange, "The due date is in the past."));
            }
        });
        Require(errors, "contactSchedule", plan.ContactSchedule, "Set the contact schedule.", (c, f) =>
        {
            Intake.RequireText(errors, f + ".frequency", c.Frequency, 200, "How often are the contacts?");
            Intake.RequireText(errors, f + ".until", c.Until, 200, "Until when?");
            Intake.RequireText(errors, f + ".agency", c.Agency, 200, "Which agency makes the contacts?");
        });
        Require(errors, "contingencyTriggers", plan.ContingencyTriggers, "List the contingency triggers.", (c, f) =>
        {
            Intake.RequireText(errors, f + ".trigger", c.Trigger, 2000, "State the trigger.");
            Intake.RequireText(errors, f + ".response", c.Response, 2000, "State what is done.");
        });
        Each(errors, plan.SupervisionConditions, "supervisionConditions", (c, f) =>
        {
            Intake.RequireText(errors, f + ".condition", c.Condition, 2000, "State the condition.");
            Intake.RequireText(errors, f + ".legalBasis", c.LegalBasis, 500, "An imposed condition names its legal basis.");
            Intake.RequireText(errors, f + ".imposingAuthority", c.ImposingAuthority, 200, "An imposed condition names the authority that imposed it.");
        });
        Each(errors, plan.InformationSharing, "informationSharing", (d, f) =>
        {
            Intake.RequireText(errors, f + ".agency", d.Agency, 200, "Name the receiving agency.");
            Intake.RequireText(errors, f + ".information", d.Information, 2000, "State what is shared.");
            Intake.RequireText(errors, f + ".legalBasis", d.LegalBasis, 500, "A disclosure names its legal basis.");
            Intake.RequireText(errors, f + ".duration", d.Duration, 200, "A disclosure says how long it lasts.");
        });
        return errors;
    }

    private static void Require<T>(List<FieldError> errors, string field, IReadOnlyList<T>? items, string message, Action<T, string> check)
        where T : class
    {
        if (items is not { Count: > 0 })
        {
            errors.Add(new FieldError(field, ErrorCodes.Required, message));
            return;
        }

        Each(errors, items, field, check);
    }

    private static void Each<T>(List<FieldError> errors, IReadOnlyList<T>? items, string field, Action<T, string> check)
        where T : class
    {
        for (var i = 0; i < (items?.Count ?? 0); i++)
        {
            if (items![i] is { } item)
            {
                check(item, $"{field}[{i}]");
            }
            else
            {
                errors.Add(new FieldError($"{field}[{i}]", ErrorCodes.Required, "An empty entry."));
            }
        }
    }

    /// <summary>Voluntary CSO aftercare: a separate, consented record (workflow tier); a refusal is recorded neutrally.</summary>
    public async Task<DecisionResult> RecordAftercareConsentAsync(string caseId, AftercareConsent consent, Actor actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(consent);
        ArgumentNullException.ThrowIfNull(actor);
        var errors = new List<FieldError>();
        Intake.RequireId(errors, "organisationId", consent.OrganisationId);
        Intake.RequireText(errors, "language", consent.Language, 16, "Record the language of the session.");
        Intake.RequireText(errors, "whatWasExplained", consent.WhatWasExplained, 4000, "Record what was explained.");
        if (!consent.RightToWithdrawExplained)
        {
            errors.Add(new FieldError("rightToWithdrawExplained", ErrorCodes.Required, "The right to withdraw must be explained."));
        }

        if (errors.Count > 0)
        {
            return DecisionResult.Invalid(errors);
        }

        return await WriteAsync(caseId, actor, AftercareRoles, new CaseSection
        {
            Tier = DataTier.Workflow,
            Name = "csoAftercare",
            Data = JsonSerializer.SerializeToElement(new { kind = "voluntary", consented = consent.Given, organisationId = consent.OrganisationId, language = consent.Language, interpreterUsed = consent.InterpreterUsed, whatWasExplained = consent.WhatWasExplained, rightToWithdrawExplained = consent.RightToWithdrawExplained }),
        }, consent.Given ? "AftercareConsented" : "AftercareDeclined", cancellationToken).ConfigureAwait(false);
    }

    private async Task<DecisionResult> WriteAsync(string caseId, Actor actor, IReadOnlyCollection<string> roles, CaseSection section, string reason, CancellationToken cancellationToken)
    {
        var record = await cases.GetAsync(caseId, cancellationToken).ConfigureAwait(false);
        if (record is null || record.Workflow != WorkflowNames.PreRelease)
        {
            return DecisionResult.NotFound;
        }

        var role = actor.FirstRoleFor(roles, record.FacilityId, record.RegionId);
        if (role is null || record.ExcludedStaffIds.Contains(actor.UserId))
        {
            return DecisionResult.NotEntitled;
        }

        var now = intake.Time.GetUtcNow();
        var written = await cases.WriteSectionAsync(caseId, section with { UpdatedAt = now, UpdatedBy = actor.UserId }, cancellationToken).ConfigureAwait(false);

        // A second write of the same section is an amendment of the first: the entry points at the one it supersedes.
        var entry = await audit.AppendSectionWriteAsync(new AuditRecord { CaseId = caseId, ActorId = actor.UserId, Role = role, Action = AuditActions.SectionWritten, Reason = reason }, written, cancellationToken).ConfigureAwait(false);
        return DecisionResult.Recorded(entry.Sequence.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }
}
