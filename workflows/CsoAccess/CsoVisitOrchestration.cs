using Workflows.Approvals;
using Workflows.Audit;
using Workflows.Engine;
using Workflows.Notifications;
using static Workflows.WorkflowSteps;

namespace Workflows.CsoAccess;

/// <summary>
/// Step 7 — a per-visit request: the duty security officer decides before the visit (the request expires
/// at the visit time); an emergency (same day) needs the director's approval first. An approved visit
/// stays scheduled until its time. When the permit is suspended (<see cref="CsoEvents.PermitSuspended"/>)
/// a request still pending is withdrawn and a scheduled visit is cancelled, each audited and the CSO told.
/// </summary>
[OrchestrationName(Name)]
public sealed class CsoVisitOrchestration : Orchestration<CsoVisitInput, WorkflowResult>
{
    public const string Name = "CsoVisit";

    public const string Withdrawn = "VisitWithdrawnPermitSuspended";

    public const string Cancelled = "VisitCancelledPermitSuspended";

    public override async Task<WorkflowResult> RunAsync(OrchestrationContext context, CsoVisitInput input)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);
        var info = input.Case;
        using var cts = new CancellationTokenSource();
        var suspended = context.WaitForExternalEvent<CsoSignal>(CsoEvents.PermitSuspended, cts.Token);
        if (input.Emergency)
        {
            var director = await DecideAsync(context, input, "visitEmergency", suspended);
            if (director is null)
            {
                return await FinishVisitAsync(context, info, Withdrawn);
            }

            if (!director.IsApproved)
            {
                Cancel(cts);
                return await FinishVisitAsync(context, info, "Visit" + director.Result);
            }
        }

        var security = await DecideAsync(context, input, "visitRequest", suspended);
        if (security is null)
        {
            return await FinishVisitAsync(context, info, Withdrawn);
        }

        var outcome = "Visit" + security.Result;
        if (!security.IsApproved)
        {
            Cancel(cts);
            return await FinishVisitAsync(context, info, outcome);
        }

        // Approved: the visit is scheduled until its time, and a suspension meanwhile cancels it.
        await RecordAsync(context, info, AuditActions.StepOutcome, outcome);
        await NotifyAsync(context, info, NotificationKind.Outcome, "visitRequest", outcome, people: [info.RequesterId]);
        ShowWait(context, "visitScheduled", input.VisitAt);
        var visitTime = context.CreateTimer(input.VisitAt, cts.Token);
        await Task.WhenAny(visitTime, suspended);
        Cancel(cts);
        if (suspended.IsCompletedSuccessfully)
        {
            return await FinishVisitAsync(context, info, Cancelled);
        }

        context.SetCustomStatus(new WorkflowStatus { Step = "closed:" + outcome });
        return new WorkflowResult(outcome);
    }

    /// <summary>The step's outcome; null when the permit was suspended first (the step is then withdrawn).</summary>
    private static async Task<ApprovalOutcome?> DecideAsync(OrchestrationContext context, CsoVisitInput input, string step, Task<CsoSignal> suspended)
    {
        var prepared = await ApprovalStep.PrepareAsync(context, Request(input.Case, input.Policy, step) with { ExpiresAt = input.VisitAt, OrganisationId = input.OrganisationId });
        context.SetCustomStatus(prepared.Status);
        var outcome = ApprovalStep.RunPreparedAsync(context, prepared);
        if (await Task.WhenAny(outcome, suspended) == outcome)
        {
            return await outcome;
        }

        ApprovalStep.Withdraw(context, prepared);
        await outcome;
        return null;
    }

    private static async Task<WorkflowResult> FinishVisitAsync(OrchestrationContext context, CaseInfo info, string outcome)
    {
        await RecordAsync(context, info, AuditActions.StepOutcome, outcome);
        await NotifyAsync(context, info, NotificationKind.Outcome, "visitRequest", outcome, people: [info.RequesterId]);
        context.SetCustomStatus(new WorkflowStatus { Step = "closed:" + outcome });
        return new WorkflowResult(outcome);
    }
}
