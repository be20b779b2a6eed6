using Workflows.Functions.Auth;
using Workflows.Functions.Hosting;
using Workflows.Functions.Management;
using Workflows.Referrals;

namespace Workflows.Functions.Api.Programmes;

/// <summary>Referral to a disengagement programme: intake (JSON, or multipart with attachments) and the facts recorded along the way.</summary>
public static class ReferralEndpoints
{
    /// <summary>Maps <c>/api/referrals</c>.</summary>
    public static RouteGroupBuilder MapReferralApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/referrals").RequireAuthorization(AccessPolicies.Staff).RequireRateLimiting(RateLimits.Api).WithTags("Referrals");
        group.MapPost("/", StartAsync).DisableAntiforgery().WithIntakeMetadata<ReferralRequest>(attachments: true);
        group.MapPost("/{caseId}/consent", async (string caseId, HttpContext context, ReferralService referrals) =>
        {
            var (consent, error) = await JsonBody.ReadAsync<ConsentRecord>(context.Request).ConfigureAwait(false);
            return error ?? await CaseScope.AnswerAsync(context, caseId, await referrals.RecordConsentAsync(caseId, consent!, context.RequireActor(), context.RequestAborted).ConfigureAwait(false));
        });
        group.MapPost("/{caseId}/programme-start", async (string caseId, HttpContext context, ReferralService referrals) =>
        {
            var (body, error) = await JsonBody.ReadAsync<ProgrammeStartRequest>(context.Request).ConfigureAwait(false);
            if (error is not null)
            {
                return error;
            }

            return string.IsNullOrWhiteSpace(body!.ProgrammeId)
                ? ProblemResults.Field("programmeId", "Required", "The programme id is required.")
                : await CaseScope.AnswerAsync(context, caseId, await referrals.RecordProgrammeStartAsync(caseId, context.RequireActor(), body.ProgrammeId, context.RequestAborted).ConfigureAwait(false));
        });
        group.MapPost("/{caseId}/reassessment", async (string caseId, HttpContext context, ReferralService referrals) =>
        {
            var (body, error) = await JsonBody.ReadAsync<ReassessmentRequest>(context.Request).ConfigureAwait(false);
            if (error is not null)
            {
                return error;
            }

            return string.IsNullOrWhiteSpace(body!.Trigger)
                ? ProblemResults.Field("trigger", "Required", "The trigger (incident, intelligence, transfer, programmeExit, preRelease, parole) is required.")
                : await CaseScope.AnswerAsync(context, caseId, await referrals.TriggerReassessmentAsync(caseId, body.Trigger, context.RequireActor(), context.RequestAborted).ConfigureAwait(false));
        });
        group.MapPost("/{caseId}/exit", async (string caseId, HttpContext context, ReferralService referrals) =>
        {
            var (body, error) = await JsonBody.ReadAsync<ExitRequest>(context.Request).ConfigureAwait(false);
            if (error is not null)
            {
                return error;
            }

            return body!.Kind is not { } kind
                ? ProblemResults.Field("kind", "Required", "The exit kind (completion, withdrawal, suspension) is required.")
                : await CaseScope.AnswerAsync(context, caseId, await referrals.RecordExitAsync(caseId, kind, body.Reasons, context.RequireActor(), context.RequestAborted).ConfigureAwait(false));
        });
        return group;
    }

    private static async Task<IResult> StartAsync(HttpContext context, ReferralService referrals, CheckStatusLinks links)
    {
        var (request, error) = context.Request.HasFormContentType
            ? await MultipartIntake.ReadAsync<ReferralRequest>(context.Request, r => r.Attachments ?? [], (r, a) => r with { Attachments = a }).ConfigureAwait(false)
            : await JsonBody.ReadAsync<ReferralRequest>(context.Request).ConfigureAwait(false);
        if (error is not null)
        {
            return error;
        }

        var attachmentErrors = MultipartIntake.CheckAttachments(request!.Attachments);
        if (attachmentErrors.Count > 0)
        {
            return ProblemResults.Validation(attachmentErrors);
        }

        return IntakeResults.ToResult(await referrals.StartReferralAsync(request, context.RequireActor(), context.RequestAborted).ConfigureAwait(false), links);
    }

    /// <summary>Body of the programme-start fact.</summary>
    public sealed record ProgrammeStartRequest(string? ProgrammeId);

    /// <summary>Body of a triggered re-assessment.</summary>
    public sealed record ReassessmentRequest(string? Trigger);

    /// <summary>Body of an exit.</summary>
    public sealed record ExitRequest(ExitKind? Kind, string? Reasons);
}
