using Workflows.Functions.Management;

namespace Workflows.Functions.Api;

/// <summary>Maps an intake result: 202 with the Durable Functions check-status body (plus the case), 400, or 403.</summary>
public static class IntakeResults
{
    /// <summary>The HTTP answer for an intake.</summary>
    public static IResult ToResult(IntakeResult result, CheckStatusLinks links)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(links);
        return result.Status switch
        {
            IntakeStatus.Started => Accepted(result, links),
            IntakeStatus.NotEntitled => ProblemResults.Forbidden("Your role may not submit this request for that facility."),
            _ => ProblemResults.Validation(result.Errors ?? []),
        };
    }

    private static IResult Accepted(IntakeResult result, CheckStatusLinks links)
    {
        var status = links.Create(result.InstanceId!);
        return Results.Accepted(status.StatusQueryGetUri, new IntakeAccepted(
            status.Id,
            status.StatusQueryGetUri,
            status.SendEventPostUri,
            status.TerminatePostUri,
            status.PurgeHistoryDeleteUri,
            status.RestartPostUri,
            status.SuspendPostUri,
            status.ResumePostUri,
            result.CaseId,
            result.CaseReference));
    }
}
