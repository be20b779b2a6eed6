using Workflows.Complaints;
using Workflows.Functions.Auth;
using Workflows.Functions.Hosting;
using Workflows.Functions.Management;

namespace Workflows.Functions.Api.Programmes;

/// <summary>Complaints (safeguard 6): submission; the rest goes through tasks.</summary>
public static class ComplaintEndpoints
{
    /// <summary>Maps <c>/api/complaints</c>.</summary>
    public static RouteGroupBuilder MapComplaintApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/complaints").RequireAuthorization(AccessPolicies.Staff).RequireRateLimiting(RateLimits.Api).WithTags("Complaints");
        group.MapPost("/", async (HttpContext context, ComplaintService complaints, CheckStatusLinks links) =>
        {
            var (request, error) = await JsonBody.ReadAsync<ComplaintRequest>(context.Request).ConfigureAwait(false);
            return error ?? IntakeResults.ToResult(await complaints.SubmitAsync(request!, context.RequireActor(), context.RequestAborted).ConfigureAwait(false), links);
        }).WithIntakeMetadata<ComplaintRequest>();
        return group;
    }
}
