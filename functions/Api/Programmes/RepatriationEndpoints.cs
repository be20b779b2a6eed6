using Workflows.Functions.Auth;
using Workflows.Functions.Hosting;
using Workflows.Functions.Management;
using Workflows.Repatriation;

namespace Workflows.Functions.Api.Programmes;

/// <summary>Repatriation case intake for a household, and the facts recorded along the way.</summary>
public static class RepatriationEndpoints
{
    /// <summary>Maps <c>/api/repatriation-cases</c>.</summary>
    public static RouteGroupBuilder MapRepatriationApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/repatriation-cases").RequireAuthorization(AccessPolicies.Staff).RequireRateLimiting(RateLimits.Api).WithTags("Repatriation");
        group.MapPost("/", async (HttpContext context, RepatriationService cases, CheckStatusLinks links) =>
        {
            var (request, error) = await JsonBody.ReadAsync<HouseholdRequest>(context.Request).ConfigureAwait(false);
            return error ?? IntakeResults.ToResult(await cases.StartHouseholdAsync(request!, context.RequireActor(), context.RequestAborted).ConfigureAwait(false), links);
        }).WithIntakeMetadata<HouseholdRequest>();
        group.MapPost("/{caseId}/consents/{consentId}", async (string caseId, string consentId, HttpContext context, RepatriationService cases) =>
        {
            var (body, error) = await JsonBody.ReadAsync<AnswerRequest>(context.Request).ConfigureAwait(false);
            if (error is not null)
            {
                return error;
            }

            return body!.Given is not { } given
                ? ProblemResults.Field("given", "Required", "Say whether consent was given (true or false).")
                : await CaseScope.AnswerAsync(context, caseId, await cases.RecordConsentAsync(caseId, consentId, given, context.RequireActor(), context.RequestAborted).ConfigureAwait(false));
        });
        group.MapPost("/{caseId}/arrival", async (string caseId, HttpContext context, RepatriationService cases) =>
            await CaseScope.AnswerAsync(context, caseId, await cases.RecordArrivalAsync(caseId, context.RequireActor(), context.RequestAborted).ConfigureAwait(false)));
        group.MapPost("/{caseId}/documents-restored", async (string caseId, HttpContext context, RepatriationService cases) =>
            await CaseScope.AnswerAsync(context, caseId, await cases.RecordDocumentsRestoredAsync(caseId, context.RequireActor(), context.RequestAborted).ConfigureAwait(false)));
        group.MapPost("/{caseId}/family-agreements/{childRef}", async (string caseId, string childRef, HttpContext context, RepatriationService cases) =>
        {
            var (body, error) = await JsonBody.ReadAsync<AnswerRequest>(context.Request).ConfigureAwait(false);
            if (error is not null)
            {
                return error;
            }

            return body!.Agreed is not { } agreed
                ? ProblemResults.Field("agreed", "Required", "Say whether the receiving family agreed (true or false).")
                : await CaseScope.AnswerAsync(context, caseId, await cases.RecordFamilyAgreementAsync(caseId, childRef, agreed, context.RequireActor(), context.RequestAborted).ConfigureAwait(false));
        });
        group.MapPost("/{caseId}/closure", async (string caseId, HttpContext context, RepatriationService cases) =>
            await CaseScope.AnswerAsync(context, caseId, await cases.CloseAsync(caseId, context.RequireActor(), context.RequestAborted).ConfigureAwait(false)));
        return group;
    }

    /// <summary>A yes/no fact.</summary>
    public sealed record AnswerRequest(bool? Given, bool? Agreed);
}
