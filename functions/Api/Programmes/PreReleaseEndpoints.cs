using Workflows.Functions.Auth;
using Workflows.Functions.Hosting;
using Workflows.Functions.Management;
using Workflows.PreRelease;

namespace Workflows.Functions.Api.Programmes;

/// <summary>Pre-release planning and post-release follow-up: intake, the plan the conference agrees, court decisions that move the release date, and contacts.</summary>
public static class PreReleaseEndpoints
{
    /// <summary>Maps <c>/api/pre-release-plans</c>.</summary>
    public static RouteGroupBuilder MapPreReleaseApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/pre-release-plans").RequireAuthorization(AccessPolicies.Staff).RequireRateLimiting(RateLimits.Api).WithTags("Pre-release");
        group.MapPost("/", async (HttpContext context, PreReleaseService plans, CheckStatusLinks links) =>
        {
            var (request, error) = await JsonBody.ReadAsync<PreReleaseRequest>(context.Request).ConfigureAwait(false);
            return error ?? IntakeResults.ToResult(await plans.StartPlanningAsync(request!, context.RequireActor(), context.RequestAborted).ConfigureAwait(false), links);
        }).WithIntakeMetadata<PreReleaseRequest>();
        group.MapPost("/{caseId}/plan", async (string caseId, HttpContext context, PreReleaseService plans) =>
        {
            var (plan, error) = await JsonBody.ReadAsync<ReleasePlanContent>(context.Request).ConfigureAwait(false);
            return error ?? await CaseScope.AnswerAsync(context, caseId, await plans.RecordPlanAsync(caseId, plan, context.RequireActor(), context.RequestAborted).ConfigureAwait(false));
        }).WithCommandMetadata<ReleasePlanContent>();
        group.MapPost("/{caseId}/court-decisions", async (string caseId, HttpContext context, PreReleaseService plans) =>
        {
            var (body, error) = await JsonBody.ReadAsync<CourtDecisionRequest>(context.Request).ConfigureAwait(false);
            if (error is not null)
            {
                return error;
            }

            if (body!.NewReleaseDate is not { } date)
            {
                return ProblemResults.Field("newReleaseDate", "Required", "The release date the court set (yyyy-MM-dd) is required.");
            }

            return string.IsNullOrWhiteSpace(body.DecisionRef)
                ? ProblemResults.Field("decisionRef", "Required", "The court decision's reference is required.")
                : await CaseScope.AnswerAsync(context, caseId, await plans.RecordCourtDecisionAsync(caseId, date, body.DecisionRef, context.RequireActor(), context.RequestAborted).ConfigureAwait(false));
        });
        group.MapPost("/{caseId}/contacts", async (string caseId, HttpContext context, PreReleaseService plans) =>
        {
            var (body, error) = await JsonBody.ReadAsync<ContactRequest>(context.Request).ConfigureAwait(false);
            if (error is not null)
            {
                return error;
            }

            return body!.Attended is not { } attended
                ? ProblemResults.Field("attended", "Required", "Say whether the person attended (true or false).")
                : await CaseScope.AnswerAsync(context, caseId, await plans.RecordContactAsync(caseId, attended, context.RequireActor(), context.RequestAborted).ConfigureAwait(false));
        });
        return group;
    }

    /// <summary>A court or parole decision.</summary>
    public sealed record CourtDecisionRequest(DateOnly? NewReleaseDate, string? DecisionRef);

    /// <summary>A post-release contact.</summary>
    public sealed record ContactRequest(bool? Attended);
}
