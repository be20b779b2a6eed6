using System.Text.Json;
using Workflows.Approvals;
using Workflows.Audit;
using Workflows.Cases;
using Workflows.Engine;
using Workflows.Engine.Client;
using Workflows.People;

namespace Workflows.CsoAccess;

/// <summary>
/// Domain 2: "CSO users see only their assigned participants and the fields the annex allows". Prison staff
/// assign a vetted staff member of a CSO with an active permit covering the prison to a prisoner's referral or
/// pre-release case, and end the assignment when the work ends. The assignment makes the person a participant of
/// the case and links the case to the permit, whose data-sharing annex then decides what they see — nothing once
/// the permit is suspended or has expired. Both changes are audited in the prisoner's case.
/// </summary>
public sealed class CsoAssignmentService(ICaseStore cases, IAuditLog audit, IPersonDirectory directory, OrchestrationClient client, TimeProvider time)
{
    /// <summary>The most running CSO access workflows looked at for offers (a country has tens of partner CSOs, not hundreds).</summary>
    public const int MaxPermitsOffered = 500;
    /// <summary>Who assigns CSO staff to a prisoner, at the case's prison or its region.</summary>
    public static readonly IReadOnlyList<string> AssigningRoles = [Roles.ProgrammeCoordinator, Roles.HeadOfRehabilitation, Roles.PrisonDirector, Roles.DeputyDirector];

    /// <summary>The cases of prisoners in a programme or preparing release, where CSOs deliver mentoring and aftercare.</summary>
    public static readonly IReadOnlyList<string> ParticipantWorkflows = [WorkflowNames.Referral, WorkflowNames.PreRelease];

    /// <summary>Assigns <paramref name="staffId"/>, vetted under the permit <paramref name="permitCaseId"/>, to the prisoner's case <paramref name="caseId"/>.</summary>
    public async Task<DecisionResult> AssignAsync(string caseId, string? permitCaseId, string? staffId, Actor actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var errors = new List<FieldError>();
        Intake.RequireId(errors, "permitCaseId", permitCaseId);
        Intake.RequireId(errors, "staffId", staffId);
        if (errors.Count > 0)
        {
            return DecisionResult.Invalid(errors);
        }

        var (record, refusal) = await EntitleAsync(caseId, actor, cancellationToken).ConfigureAwait(false);
        if (record is null)
        {
            return refusal!;
        }

        if (!ParticipantWorkflows.Contains(record.Workflow))
        {
            return DecisionResult.Invalid("caseId", ErrorCodes.NotAllowed, "CSO staff are assigned to prisoners' referral and pre-release cases.");
        }

        var (role, problem) = await CheckPermitAsync(record, permitCaseId!, staffId!, cancellationToken).ConfigureAwait(false);
        if (problem is not null)
        {
            return DecisionResult.Invalid([problem]);
        }

        if (record.Participants.Any(p => p.PersonId == staffId && Roles.Partners.Contains(p.Role)) && record.LinkedCaseIds.Contains(permitCaseId))
        {
            return DecisionResult.Invalid("staffId", ErrorCodes.Duplicate, "This person is already assigned to the case.");
        }

        // Audited first: a failure between the two leaves a recorded intent, never an unrecorded change of access.
        var entry = await AuditAsync(caseId, actor, AuditActions.PartnerAssigned, null, staffId!, permitCaseId, cancellationToken).ConfigureAwait(false);
        await cases.UpdateAsync(
            caseId,
            r => r with
            {
                Participants = r.Participants.Any(p => p.PersonId == staffId && p.Role == role) ? r.Participants : [.. r.Participants, new CaseParticipant(staffId!, role!)],
                LinkedCaseIds = r.LinkedCaseIds.Contains(permitCaseId) ? r.LinkedCaseIds : [.. r.LinkedCaseIds, permitCaseId!],
            },
            cancellationToken).ConfigureAwait(false);
        return DecisionResult.Recorded($"{caseId}#{entry.Sequence}");
    }

    /// <summary>Ends the assignment of <paramref name="staffId"/> to the prisoner's case <paramref name="caseId"/>: they no longer see it.</summary>
    public async Task<DecisionResult> UnassignAsync(string caseId, string? staffId, string? reason, Actor actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var errors = new List<FieldError>();
        Intake.RequireId(errors, "staffId", staffId);
        Intake.RequireText(errors, "reason", reason, DecisionValidator.MaxCommentLength, "Say why the assignment ends.");
        if (errors.Count > 0)
        {
            return DecisionResult.Invalid(errors);
        }

        var (record, refusal) = await EntitleAsync(caseId, actor, cancellationToken).ConfigureAwait(false);
        if (record is null)
        {
            return refusal!;
        }

        if (!record.Participants.Any(p => p.PersonId == staffId && Roles.Partners.Contains(p.Role)))
        {
            return DecisionResult.Invalid("staffId", ErrorCodes.UnknownValue, "This person is not assigned to the case.");
        }

        var entry = await AuditAsync(caseId, actor, AuditActions.PartnerUnassigned, reason!.Trim(), staffId!, null, cancellationToken).ConfigureAwait(false);
        await cases.UpdateAsync(caseId, r => r with { Participants = r.Participants.Where(p => !(p.PersonId == staffId && Roles.Partners.Contains(p.Role))).ToList() }, cancellationToken).ConfigureAwait(false);
        return DecisionResult.Recorded($"{caseId}#{entry.Sequence}");
    }

    /// <summary>
    /// What may be assigned to a prisoner's case at <paramref name="facilityId"/>: each active, unexpired permit
    /// covering that prison, with its organisation and vetted staff, by permit reference.
    /// </summary>
    public async Task<IReadOnlyList<PermitOffer>> OffersAsync(string facilityId, CancellationToken cancellationToken = default)
    {
        var running = await client.QueryInstancesAsync(
            new InstanceQuery { Name = CsoAccessOrchestration.Name, RuntimeStatus = [OrchestrationRuntimeStatus.Running], PageSize = MaxPermitsOffered },
            cancellationToken).ConfigureAwait(false);
        var offers = new List<PermitOffer>();
        foreach (var caseId in running.Instances.Select(i => i.Tags.GetValueOrDefault(WorkflowNames.CaseTag)).OfType<string>().Distinct(StringComparer.Ordinal))
        {
            if (await cases.GetAsync(caseId, cancellationToken).ConfigureAwait(false) is not { Workflow: WorkflowNames.CsoAccess, Status: CsoOutcomes.PermitActive } permitCase)
            {
                continue;
            }

            var sections = await cases.ReadSectionsAsync(caseId, cancellationToken).ConfigureAwait(false);
            if (PermitRecord.From(sections) is { } permit && permit.ValidUntil > time.GetUtcNow() && permit.Facilities.Contains(facilityId) && OrganisationOf(sections) is { } organisationId)
            {
                offers.Add(new PermitOffer(caseId, permitCase.Reference, organisationId, permit.Staff));
            }
        }

        return offers.OrderBy(o => o.Reference, StringComparer.Ordinal).ToList();
    }

    /// <summary>
    /// Whether <paramref name="actor"/> may staff this case with CSO staff: an assigning role at its prison or region,
    /// and the case visible to them (so nobody learns of a case through assignment answers).
    /// </summary>
    public static bool MayAssign(Actor actor, CaseRecord record, Facility? facility)
    {
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(record);
        return actor.HasAnyRoleFor(AssigningRoles, record.FacilityId, facility?.RegionId ?? record.RegionId) && CaseAccessPolicy.CanSee(actor, record, facility);
    }

    /// <summary>Whether the case is a prisoner's case (<see cref="ParticipantWorkflows"/>) that <paramref name="actor"/> may staff (<see cref="MayAssign"/>): what the pages offer.</summary>
    public static bool MayStaff(Actor actor, CaseRecord record, Facility? facility)
    {
        ArgumentNullException.ThrowIfNull(record);
        return ParticipantWorkflows.Contains(record.Workflow) && MayAssign(actor, record, facility);
    }

    private async Task<(CaseRecord? Record, DecisionResult? Refusal)> EntitleAsync(string caseId, Actor actor, CancellationToken cancellationToken)
    {
        var record = await cases.GetAsync(caseId, cancellationToken).ConfigureAwait(false);
        if (record is null)
        {
            return (null, DecisionResult.NotFound);
        }

        var facility = await directory.FindFacilityAsync(record.FacilityId, cancellationToken).ConfigureAwait(false);
        return MayAssign(actor, record, facility) ? (record, null) : (null, DecisionResult.NotEntitled);
    }

    /// <summary>The partner role the person holds for the permit's organisation, or what forbids the assignment.</summary>
    private async Task<(string? Role, FieldError? Problem)> CheckPermitAsync(CaseRecord record, string permitCaseId, string staffId, CancellationToken cancellationToken)
    {
        var permitCase = await cases.GetAsync(permitCaseId, cancellationToken).ConfigureAwait(false);
        if (permitCase is not { Workflow: WorkflowNames.CsoAccess })
        {
            return (null, new FieldError("permitCaseId", ErrorCodes.UnknownValue, "No such CSO permit."));
        }

        var sections = await cases.ReadSectionsAsync(permitCaseId, cancellationToken).ConfigureAwait(false);
        var permit = PermitRecord.From(sections);
        if (permitCase.Status != CsoOutcomes.PermitActive || permit is null || permit.ValidUntil <= time.GetUtcNow())
        {
            return (null, new FieldError("permitCaseId", ErrorCodes.NotAllowed, "The permit is not active (suspended, expired or not yet granted)."));
        }

        if (!permit.Facilities.Contains(record.FacilityId))
        {
            return (null, new FieldError("permitCaseId", ErrorCodes.NotAllowed, "The permit does not cover the prisoner's prison."));
        }

        var organisationId = OrganisationOf(sections);
        var person = permit.Staff.Contains(staffId) ? await directory.FindAsync(staffId, cancellationToken).ConfigureAwait(false) : null;
        var role = person?.Roles.FirstOrDefault(g => Roles.Partners.Contains(g.Role) && g.Level == ScopeLevel.Organisation && g.ScopeId == organisationId)?.Role;
        if (role is null)
        {
            return (null, new FieldError("staffId", ErrorCodes.NotAllowed, "Only staff of the CSO vetted under this permit may be assigned."));
        }

        // Someone who is prison staff too would see as prison staff: a CSO assignment is only for CSO people.
        return person!.Roles.All(g => Roles.Partners.Contains(g.Role))
            ? (role, null)
            : (null, new FieldError("staffId", ErrorCodes.NotAllowed, "This person also holds a prison role and cannot be assigned as CSO staff."));
    }

    private static string? OrganisationOf(IEnumerable<CaseSection> sections) =>
        sections.FirstOrDefault(s => s.Name == DataSharingAnnex.AgreementSection && s.Tier == DataTier.Workflow)?.Data is { ValueKind: JsonValueKind.Object } data
            && data.TryGetProperty("organisationId", out var organisation) ? organisation.GetString() : null;

    private Task<AuditEntry> AuditAsync(string caseId, Actor actor, string action, string? reason, string staffId, string? permitCaseId, CancellationToken cancellationToken)
    {
        var ids = new Dictionary<string, string> { ["personId"] = staffId };
        if (permitCaseId is not null)
        {
            ids["permitCaseId"] = permitCaseId;
        }

        return audit.AppendAsync(new AuditRecord { CaseId = caseId, ActorId = actor.UserId, Role = actor.PrimaryRole, Action = action, Reason = reason, Ids = ids }, cancellationToken);
    }
}
