using Workflows.Engine;
using static Workflows.WorkflowSteps;

namespace Workflows.Repatriation;

/// <summary>
/// Workflow 4 — repatriation case intake for a household: before the return (<see cref="ReturnPhase"/>:
/// verification, statelessness and birth registration, consents, security pre-screen, manifest), in the
/// country (<see cref="CentrePhase"/>: arrival triage, legal tracks, placements, the centre and its exit),
/// then reintegration reviews (<see cref="ReintegrationReviews"/>). Members who cannot return stay
/// provisional; the case ends before the return only when nobody can.
/// </summary>
[OrchestrationName(Name)]
public sealed class RepatriationOrchestration : Orchestration<RepatriationInput, WorkflowResult>
{
    public const string Name = "Repatriation";

    public override async Task<WorkflowResult> RunAsync(OrchestrationContext context, RepatriationInput input)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);
        if (input.Reviews is not null)
        {
            return await ReintegrationReviews.RunAsync(context, input);
        }

        var births = new BirthRegistrations(context, input);
        var returned = await new ReturnPhase(context, input, births).RunAsync();
        if (returned.EndedWith is { } outcome)
        {
            await births.WithdrawAsync();
            return await FinishAsync(context, input.Case, outcome);
        }

        await new CentrePhase(context, input, returned.Included, births).RunAsync();
        await RecordAsync(context, input.Case, Audit.AuditActions.EventRecorded, "LeftCentre; reintegration plan", status: "Reintegration");

        // 10. Reintegration plan and reviews.
        context.ContinueAsNew(input with { Reviews = new ReviewState(context.CurrentUtcDateTime, 0, returned.Included.Select(m => m.MemberRef!).ToList()) });
        return new WorkflowResult("ContinuedAsNew");
    }

    public static string ChildInstanceId(string householdInstanceId, string childRef) => $"{householdInstanceId}:child:{childRef}";
}
