using System.Text.Json;
using Workflows.Cases;

namespace Workflows.Complaints;

/// <summary>Intake of complaints.</summary>
public sealed class ComplaintService(IntakeSupport intake)
{

    public async Task<IntakeResult> SubmitAsync(ComplaintRequest request, Actor actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(actor);
        var facility = await intake.FindFacilityAsync(request.FacilityId, cancellationToken).ConfigureAwait(false);
        var policy = intake.Policies.Resolve(WorkflowNames.Complaint, facility?.Country ?? "default", facility?.Id);
        var errors = new List<FieldError>();
        Intake.RequireId(errors, "complainantId", request.ComplainantId);
        if (facility is null)
        {
            errors.Add(new FieldError("facilityId", string.IsNullOrWhiteSpace(request.FacilityId) ? ErrorCodes.Required : ErrorCodes.UnknownValue, "Name the prison or centre."));
        }

        errors.AddRange(ReasonCodes.Validate(request.Category is null ? null : [request.Category], policy.ReasonCodes, "category", required: true).Select(e => e with { Field = "category" }));
        Intake.RequireText(errors, "description", request.Description, 8000, "Describe the complaint.");
        Intake.ValidateLanguage(errors, "language", request.Language);
        var concerned = request.ConcernedStaffIds ?? [];
        for (var i = 0; i < concerned.Count; i++)
        {
            if (await intake.Directory.FindAsync(concerned[i], cancellationToken).ConfigureAwait(false) is null)
            {
                errors.Add(new FieldError($"concernedStaffIds[{i}]", ErrorCodes.UnknownValue, "No such staff member."));
            }
        }

        if (errors.Count > 0)
        {
            return IntakeResult.Invalid(errors);
        }

        var entitled = actor.Roles.Any(r => !Roles.Partners.Contains(r.Role) && !Roles.ReadOnly.Contains(r.Role) && r.CoversFacility(facility!.Id, facility.RegionId)) && !concerned.Contains(actor.UserId);
        if (!entitled)
        {
            return IntakeResult.NotEntitled;
        }

        var submittedAt = intake.Time.GetUtcNow();
        return await intake.StartAsync(
            new IntakePlan
            {
                Workflow = WorkflowNames.Complaint,
                OrchestrationName = ComplaintOrchestration.Name,
                ReferencePrefix = "CMP",
                FacilityId = facility!.Id,
                ClientRequestId = request.ClientRequestId,
                SubjectId = request.ComplainantId,
                SubjectLanguage = request.Language ?? "en",
                Confidential = request.Confidential,
                ExcludedStaffIds = request.Confidential ? concerned : [],
                LinkedCaseIds = request.RelatedCaseId is { } related ? [related] : [],
                Sections = [new CaseSection { Tier = DataTier.Workflow, Name = "complaint", Data = JsonSerializer.SerializeToElement(new { request.Category, request.Description, request.RelatedCaseId }) }],
                BuildInput = context => new ComplaintInput(CaseInfo.From(WorkflowNames.Complaint, context), context.Policy, concerned, submittedAt),
            },
            actor,
            cancellationToken).ConfigureAwait(false);
    }
}
