using Workflows.Approvals;
using Workflows.Cases;
using Workflows.CsoAccess;
using Workflows.Functions.Auth;
using Workflows.Functions.Hosting;

namespace Workflows.Functions.Api;

/// <summary>
/// Cases: the tiers the caller may read (sensitive reads are audited by the read service), the versions
/// of one section, the audit trail with its chain verification for auditors, withdrawal by the
/// requester, and the CSO staff assigned to a prisoner's case. A case the caller may not see is answered exactly like a case that does not exist.
/// </summary>
public static class CaseEndpoints
{
    /// <summary>Maps <c>/api/cases</c>.</summary>
    public static RouteGroupBuilder MapCaseApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/cases").RequireAuthorization(AccessPolicies.Staff).RequireRateLimiting(RateLimits.Api).WithTags("Cases");
        group.MapGet("/{caseId}", GetAsync);
        group.MapGet("/{caseId}/sections/{tier}/{name}/history", GetSectionHistoryAsync)
            .Produces<List<SectionVersionView>>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound);
        group.MapGet("/{caseId}/documents/{documentId}", GetDocumentAsync);
        group.MapGet("/{caseId}/audit", GetAuditAsync).RequireAuthorization(AccessPolicies.Auditor);
        group.MapGet("/{caseId}/tasks", ListTasksAsync);
        group.MapPost("/{caseId}/withdraw", WithdrawAsync).WithCommandMetadata<WithdrawRequest>(bodyRequired: false);
        group.MapPost("/{caseId}/partners", AssignPartnerAsync).WithCommandMetadata<PartnerAssignmentRequest>();
        group.MapPost("/{caseId}/partners/{staffId}/unassign", UnassignPartnerAsync).WithCommandMetadata<PartnerUnassignmentRequest>();
        return group;
    }

    private static async Task<IResult> GetAsync(string caseId, HttpContext context, CaseReadService reader)
    {
        var view = await reader.ReadAsync(caseId, context.RequireActor(), context.RequestAborted).ConfigureAwait(false);
        return view is null ? ProblemResults.NotFound() : Results.Ok(view);
    }

    private static async Task<IResult> GetSectionHistoryAsync(string caseId, string tier, string name, HttpContext context, CaseReadService reader)
    {
        // Names only: Enum.TryParse would also take numbers and comma-joined lists.
        if (Enum.GetValues<DataTier>().Where(t => string.Equals(t.ToString(), tier, StringComparison.OrdinalIgnoreCase)).Select(t => (DataTier?)t).FirstOrDefault() is not { } parsed)
        {
            return ProblemResults.Field("tier", "UnknownValue", $"Unknown tier '{tier}': use one of {string.Join(", ", Enum.GetNames<DataTier>())}.");
        }

        var actor = context.RequireActor();

        var versions = await reader.ReadSectionHistoryAsync(caseId, parsed, name, actor, context.RequestAborted).ConfigureAwait(false);
        return versions is null ? ProblemResults.NotFound() : Results.Ok(versions.Select(SectionVersionView.From).ToList());
    }

    private static async Task<IResult> GetDocumentAsync(string caseId, string documentId, HttpContext context, CaseReadService reader)
    {
        var document = await reader.ReadDocumentAsync(caseId, documentId, context.RequireActor(), context.RequestAborted).ConfigureAwait(false);
        if (document is null)
        {
            return ProblemResults.NotFound();
        }

        // Served as an attachment so that no uploaded file ever renders inside this origin.
        return Results.File(document.Content.ToArray(), "application/octet-stream", document.DocumentId);
    }

    private static async Task<IResult> GetAuditAsync(string caseId, HttpContext context, CaseReadService reader)
    {
        var trail = await reader.ReadAuditAsync(caseId, context.RequireActor(), context.RequestAborted).ConfigureAwait(false);
        return trail is null ? ProblemResults.NotFound() : Results.Ok(trail);
    }

    private static async Task<IResult> ListTasksAsync(string caseId, HttpContext context, IApprovalTaskStore tasks, ICaseStore cases, EscalationSchedule escalations, TimeProvider time)
    {
        if (!await CaseScope.IsVisibleAsync(context, caseId).ConfigureAwait(false))
        {
            return ProblemResults.NotFound();
        }

        // CSO staff read an assigned case's annex fields only: its tasks (steps, decisions, attributes) are not theirs.
        if (await cases.GetAsync(caseId, context.RequestAborted).ConfigureAwait(false) is { } record && CaseAccessPolicy.IsPartnerView(context.RequireActor(), record))
        {
            return ProblemResults.NotFound();
        }

        var now = time.GetUtcNow();
        var list = await tasks.ListByCaseAsync(caseId, context.RequestAborted).ConfigureAwait(false);
        return Results.Ok(await TaskView.ListAsync(list.OrderBy(t => t.CreatedAt), now, escalations, context.RequestAborted).ConfigureAwait(false));
    }

    // The reason is optional, so is the body; a body that is sent must be valid JSON.
    private static async Task<IResult> WithdrawAsync(string caseId, HttpContext context, ApprovalDecisionService decisions)
    {
        var (body, error) = await JsonBody.ReadOptionalAsync<WithdrawRequest>(context.Request).ConfigureAwait(false);
        if (error is not null)
        {
            return error;
        }

        var result = await decisions.WithdrawAsync(caseId, context.RequireActor(), body?.Reason, context.RequestAborted).ConfigureAwait(false);
        return await CaseScope.AnswerAsync(context, caseId, result).ConfigureAwait(false);
    }

    private static async Task<IResult> AssignPartnerAsync(string caseId, HttpContext context, CsoAssignmentService assignments)
    {
        var (body, error) = await JsonBody.ReadAsync<PartnerAssignmentRequest>(context.Request).ConfigureAwait(false);
        if (error is not null)
        {
            return error;
        }

        var result = await assignments.AssignAsync(caseId, body!.PermitCaseId, body.StaffId, context.RequireActor(), context.RequestAborted).ConfigureAwait(false);
        return await CaseScope.AnswerAsync(context, caseId, result).ConfigureAwait(false);
    }

    private static async Task<IResult> UnassignPartnerAsync(string caseId, string staffId, HttpContext context, CsoAssignmentService assignments)
    {
        var (body, error) = await JsonBody.ReadAsync<PartnerUnassignmentRequest>(context.Request).ConfigureAwait(false);
        if (error is not null)
        {
            return error;
        }

        var result = await assignments.UnassignAsync(caseId, staffId, body!.Reason, context.RequireActor(), context.RequestAborted).ConfigureAwait(false);
        return await CaseScope.AnswerAsync(context, caseId, result).ConfigureAwait(false);
    }
}
