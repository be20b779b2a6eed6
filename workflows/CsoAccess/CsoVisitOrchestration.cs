using Workflows.Approvals;
using Workflows.Engine;
using static Workflows.WorkflowSteps;

namespace Workflows.CsoAccess;

/// <summary>
/// Step 7 — a per-visit request: the duty security officer decides before the visit (the request expires
/// at the visit time); an emergency (same day) needs the director's approval first.
/// </summary>
[OrchestrationName(Name)]
public sealed class CsoVisitOrchestration : Orchestration<CsoVisitInput, WorkflowResult>
{
    public const string Name = "CsoVisit";

    public override async Task<WorkflowResult> RunAsync(OrchestrationContext context, CsoVisitInput input)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);
        var info = input.Case;
        if (input.Emergency)
        {
            var director = await ApprovalStep.RunAsync(context, Request(info, input.Policy, "visitEmergency") with { ExpiresAt = input.VisitAt, OrganisationId = input.OrganisationId });
            if (!director.IsApproved)
            {
                return await FinishVisitAsync(context, info, director.Result);
            }
        }

        var security = await ApprovalStep.RunAsync(context, Request(info, input.Policy, "visitRequest") with { ExpiresAt = input.VisitAt, OrganisationId = input.OrganisationId });
        return await FinishVisitAsync(context, info, security.Result);
    }

    private static async Task<WorkflowResult> FinishVisitAsync(OrchestrationContext context, CaseInfo info, ApprovalResult result)
    {
        var outcome = "Visit" + result;
        await RecordAsync(context, info, Audit.AuditActions.StepOutcome, outcome);
        await NotifyAsync(context, info, Notifications.NotificationKind.Outcome, "visitRequest", outcome, people: [info.RequesterId]);
        return new WorkflowResult(outcome);
    }
}
