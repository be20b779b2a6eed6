using Workflows.Approvals;
using Workflows.Cases;
using Workflows.Functions.Auth;
using Workflows.Functions.Management;
using Workflows.People;

namespace Workflows.Functions.Api;

/// <summary>
/// Answers for commands on a case (recorded facts, withdrawal, visits) so that nobody learns whether a
/// case exists unless they may see it: the domain refuses an existing case the caller has no right to
/// with NotEntitled, and a missing one with NotFound; for a caller who may not see the case, both become
/// the same 404. A caller who sees the case still gets 403 when they may not act on it.
/// </summary>
public static class CaseScope
{
    /// <summary>True when the case exists and the caller may see it (as <c>GET /api/cases/{id}</c> decides).</summary>
    public static async Task<bool> IsVisibleAsync(HttpContext context, string caseId)
    {
        ArgumentNullException.ThrowIfNull(context);
        var services = context.RequestServices;
        var record = await services.GetRequiredService<ICaseStore>().GetAsync(caseId, context.RequestAborted).ConfigureAwait(false);
        if (record is null)
        {
            return false;
        }

        var actor = context.RequireActor();
        if (actor.HasRole(Roles.SystemAdministrator))
        {
            return true;
        }

        var facility = await services.GetRequiredService<IPersonDirectory>().FindFacilityAsync(record.FacilityId, context.RequestAborted).ConfigureAwait(false);
        return CaseAccessPolicy.CanSee(actor, record, facility);
    }

    /// <summary>The HTTP answer of a command on a case.</summary>
    public static async Task<IResult> AnswerAsync(HttpContext context, string caseId, DecisionResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        if (result.Status == DecisionStatus.NotEntitled && !await IsVisibleAsync(context, caseId).ConfigureAwait(false))
        {
            return ProblemResults.NotFound();
        }

        return TaskEndpoints.ToResult(result);
    }

    /// <summary>The HTTP answer of a command on a case that starts a workflow (a CSO visit).</summary>
    public static async Task<IResult> AnswerAsync(HttpContext context, string caseId, IntakeResult result, CheckStatusLinks links)
    {
        ArgumentNullException.ThrowIfNull(result);
        if (result.Status == IntakeStatus.NotEntitled && !await IsVisibleAsync(context, caseId).ConfigureAwait(false))
        {
            return ProblemResults.NotFound();
        }

        return IntakeResults.ToResult(result, links);
    }
}
