using Workflows.Approvals;
using Workflows.Cases;
using Workflows.CsoAccess;
using Workflows.Functions.Auth;
using Workflows.Functions.Hosting;
using Workflows.Functions.Management;

namespace Workflows.Functions.Api.Programmes;

/// <summary>A civil society organisation's access to prisons: application, reconsideration, staff, renewal, suspension and visits.</summary>
public static class CsoAccessEndpoints
{
    /// <summary>Maps <c>/api/cso-access-requests</c>.</summary>
    public static RouteGroupBuilder MapCsoAccessApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/cso-access-requests").RequireAuthorization(AccessPolicies.Staff).RequireRateLimiting(RateLimits.Api).WithTags("CSO access");
        group.MapPost("/", async (HttpContext context, CsoAccessService cso, CheckStatusLinks links) =>
        {
            var (request, error) = await JsonBody.ReadAsync<CsoAccessRequest>(context.Request).ConfigureAwait(false);
            return error ?? IntakeResults.ToResult(await cso.StartApplicationAsync(request!, context.RequireActor(), context.RequestAborted).ConfigureAwait(false), links);
        }).WithIntakeMetadata<CsoAccessRequest>();
        group.MapPost("/{caseId}/reconsideration", (string caseId, HttpContext context, CsoAccessService cso) =>
            WithText(context, caseId, "reasons", body => body.Reasons, reasons => cso.RequestReconsiderationAsync(caseId, context.RequireActor(), reasons, context.RequestAborted)));
        group.MapPost("/{caseId}/staff", (string caseId, HttpContext context, CsoAccessService cso) =>
            WithText(context, caseId, "staffId", body => body.StaffId, staffId => cso.RequestStaffAdditionAsync(caseId, staffId, context.RequireActor(), context.RequestAborted)));
        group.MapPost("/{caseId}/renewal", async (string caseId, HttpContext context, CsoAccessService cso) =>
            await CaseScope.AnswerAsync(context, caseId, await cso.RequestRenewalAsync(caseId, context.RequireActor(), context.RequestAborted).ConfigureAwait(false)));
        group.MapPost("/{caseId}/suspension", async (string caseId, HttpContext context, CsoAccessService cso) =>
        {
            var (body, error) = await JsonBody.ReadAsync<FactRequest>(context.Request).ConfigureAwait(false);
            if (error is not null)
            {
                return error;
            }

            if (string.IsNullOrWhiteSpace(body!.FacilityId))
            {
                return ProblemResults.Field("facilityId", "Required", "Name the prison where the incident happened.");
            }

            return string.IsNullOrWhiteSpace(body.Reason)
                ? ProblemResults.Field("reason", "Required", "A suspension must give its reasons.")
                : await CaseScope.AnswerAsync(context, caseId, await cso.SuspendAsync(caseId, body.FacilityId, body.Reason, context.RequireActor(), context.RequestAborted).ConfigureAwait(false));
        });
        group.MapPost("/{caseId}/suspension-response", (string caseId, HttpContext context, CsoAccessService cso) =>
            WithText(context, caseId, "response", body => body.Response, response => cso.RespondToSuspensionAsync(caseId, context.RequireActor(), response, context.RequestAborted)));
        group.MapPost("/{caseId}/visits", async (string caseId, HttpContext context, CsoAccessService cso, ICaseStore cases, CheckStatusLinks links) =>
        {
            var (request, error) = await JsonBody.ReadAsync<CsoVisitRequest>(context.Request).ConfigureAwait(false);
            if (error is not null)
            {
                return error;
            }

            // A visit names its permit in the path: a missing permit is a 404 like every other case path.
            if (await cases.GetAsync(caseId, context.RequestAborted).ConfigureAwait(false) is not { Workflow: WorkflowNames.CsoAccess })
            {
                return ProblemResults.NotFound();
            }

            return await CaseScope.AnswerAsync(context, caseId, await cso.RequestVisitAsync(caseId, request!, context.RequireActor(), context.RequestAborted).ConfigureAwait(false), links);
        }).WithIntakeMetadata<CsoVisitRequest>();
        return group;
    }

    private static async Task<IResult> WithText(HttpContext context, string caseId, string field, Func<FactRequest, string?> pick, Func<string, Task<DecisionResult>> act)
    {
        var (body, error) = await JsonBody.ReadAsync<FactRequest>(context.Request).ConfigureAwait(false);
        if (error is not null)
        {
            return error;
        }

        var value = pick(body!);
        return string.IsNullOrWhiteSpace(value)
            ? ProblemResults.Field(field, "Required", $"'{field}' is required.")
            : await CaseScope.AnswerAsync(context, caseId, await act(value).ConfigureAwait(false));
    }

    /// <summary>The body of the recorded facts (only the fields the fact needs are read).</summary>
    public sealed record FactRequest(string? Reasons, string? StaffId, string? FacilityId, string? Reason, string? Response);
}
