using Workflows.Approvals;
using Workflows.Audit;
using Workflows.Notifications;
using Workflows.Policies;
using static Workflows.WorkflowSteps;

namespace Workflows.PreRelease;

/// <summary>
/// Steps 3–4 until a plan is approved: the planning conference drafts the plan, then plan approval —
/// sequential: prison proposal → director → the receiving probation service accepts; high-risk cases add
/// the inter-agency panel, whose dissent escalates to the central level. A rejected plan goes back to
/// the conference, which meets again with a new deadline; a plan rejected a second time is decided at
/// the central level (policy step <c>planCentralReview</c>). Once R is
/// within a month, re-planning stops and the central level is alerted that no plan is approved.
/// </summary>
internal static class PlanRounds
{
    public const string Approved = "Approved";
    public const string Withdrawn = "Withdrawn";
    public const string NotApproved = "NotApproved";

    public sealed record Outcome(string Result, int Rounds);

    public static async Task<Outcome> RunAsync(PreReleaseRun run, string riskLevel)
    {
        var (context, info, policy) = (run.Context, run.Info, run.Policy);
        for (var round = 1; ; round++)
        {
            if (round > 1)
            {
                if (context.CurrentUtcDateTime >= policy.Calendar.Subtract(run.Release, policy.Timer("finalChecklist")))
                {
                    await RecordAsync(context, info, AuditActions.StepOutcome, "PlanNotApprovedBeforeRelease");
                    await NotifyAsync(context, info, NotificationKind.Alert, "planApproval", "PlanNotApprovedBeforeRelease", Roles.CentralAdministration, ScopeLevel.Central);
                    return new Outcome(NotApproved, round - 1);
                }

                var newDeadline = policy.Calendar.Add(context.CurrentUtcDateTime, policy.Step("planningConference").Deadline);
                await NotifyAsync(context, info, NotificationKind.Alert, "planningConference", "PlanReturnedForReplanning", Roles.SocialWorker, due: newDeadline);
                await NotifyAsync(context, info, NotificationKind.Alert, "planningConference", "PlanReturnedForReplanning", Roles.ProgrammeCoordinator, due: newDeadline);
            }

            var (result, step) = await RoundAsync(run, riskLevel, round);
            await RecordAsync(context, info, AuditActions.StepOutcome, $"Plan round {round}: {result.Result} at {step}", section: $"planRound-{round}",
                data: new { round, step, result = result.Result.ToString(), reasonCodes = result.Decisions.SelectMany(d => d.ReasonCodes).Distinct().ToList() });
            if (PreReleaseRun.IsWithdrawn(result))
            {
                return new Outcome(Withdrawn, round);
            }

            if (result.IsApproved)
            {
                return new Outcome(Approved, round);
            }
        }
    }

    /// <summary>One round; returns the deciding outcome and the step that gave it.</summary>
    private static async Task<(ApprovalOutcome Outcome, string Step)> RoundAsync(PreReleaseRun run, string riskLevel, int round)
    {
        var conference = await run.StepAsync("planningConference");
        if (PreReleaseRun.IsWithdrawn(conference))
        {
            return (conference, "planningConference");
        }

        var approval = await run.StepAsync("planApproval");
        var step = "planApproval";
        if (!approval.IsApproved && !PreReleaseRun.IsWithdrawn(approval) && round > 1)
        {
            // Rejected a second time: the central level decides.
            approval = await run.StepAsync("planCentralReview", CentralReview(run.Policy));
            step = "planCentralReview";
        }

        if (!approval.IsApproved || riskLevel != "High")
        {
            return (approval, step);
        }

        // High risk: prison, probation, police/security and local authority all sign the risk-management section; a dissent goes central.
        var panel = await run.StepAsync("highRiskPanel");
        if (panel.IsApproved || PreReleaseRun.IsWithdrawn(panel))
        {
            return (panel, "highRiskPanel");
        }

        return (await run.StepAsync("panelDissentReview"), "panelDissentReview");
    }

    private static StepPolicy CentralReview(WorkflowPolicy policy) => policy.Step("planCentralReview");
}
