using Workflows.Approvals;
using Workflows.Audit;
using Workflows.Engine;
using Workflows.Notifications;
using Workflows.Policies;
using static Workflows.WorkflowSteps;

namespace Workflows.Referrals;

/// <summary>
/// Step 9 — delivery and monitoring, an eternal loop: each execution waits for the next progress review
/// (every 3 months), the next risk re-assessment (every 6 months, 12 for low risk), a triggered
/// re-assessment or the exit; runs what is due (a review and a re-assessment due together side by side);
/// and continues as new, so the history never grows.
/// </summary>
internal static class ReferralMonitoring
{
    public static Duration ReassessmentInterval(WorkflowPolicy policy, string riskLevel) =>
        policy.Timer(riskLevel == "Low" ? "riskReassessmentEveryLowRisk" : "riskReassessmentEvery");

    public static async Task<WorkflowResult> RunAsync(OrchestrationContext context, ReferralInput input)
    {
        var info = input.Case;
        var policy = input.Policy;
        var state = input.Monitoring!;
        var next = state.NextProgressReview < state.NextRiskReassessment ? state.NextProgressReview : state.NextRiskReassessment;
        ShowWait(context, "monitoring", next, Roles.ProgrammeCoordinator);

        using var cts = new CancellationTokenSource();
        var trigger = context.WaitForExternalEvent<TriggerSignal>(ReferralEvents.ReassessmentTriggered, cts.Token);
        var exit = context.WaitForExternalEvent<ExitSignal>(ReferralEvents.ProgrammeExit, cts.Token);
        var timer = context.CreateTimer(next, cts.Token);
        var winner = await Task.WhenAny(trigger, exit, timer);
        Cancel(cts);

        if (winner == exit && exit.IsCompletedSuccessfully)
        {
            // 10. Exit: completion, withdrawal by the prisoner (neutral), or suspension by the director (reasons and complaint route).
            var outcome = exit.Result.Kind switch
            {
                ExitKind.Completion => ReferralOutcomes.Completed,
                ExitKind.Withdrawal => ReferralOutcomes.WithdrawnByPrisoner,
                _ => ReferralOutcomes.SuspendedByDirector,
            };
            await RecordAsync(context, info, AuditActions.EventRecorded, "ProgrammeExit " + outcome, section: "programmeOutcome", data: new { outcome, at = context.CurrentUtcDateTime, state.RiskLevel });
            return await FinishAsync(context, info, outcome, noticeToSubject: exit.Result.Kind == ExitKind.Suspension);
        }

        var now = context.CurrentUtcDateTime;
        var nextState = state with { Cycle = state.Cycle + 1 };
        var triggered = winner == trigger && trigger.IsCompletedSuccessfully ? trigger.Result.Trigger : null;
        var reviewDue = triggered is null && state.NextProgressReview <= now;
        var reassessmentDue = triggered is not null || state.NextRiskReassessment <= now;
        if (triggered is not null)
        {
            await RecordAsync(context, info, AuditActions.EventRecorded, "Re-assessment triggered: " + triggered);
        }

        // A review and a re-assessment falling due together run side by side: neither waits for the other.
        var review = reviewDue ? await ApprovalStep.PrepareAsync(context, Request(info, policy, "progressReview", [info.RequesterId])) : null;
        var reassessment = reassessmentDue ? await ApprovalStep.PrepareAsync(context, Request(info, policy, "riskReassessment", [info.RequesterId])) : null;
        ShowSteps(context, [review, reassessment]);
        var reviewRun = review is null ? null : ApprovalStep.RunPreparedAsync(context, review);
        var reassessmentRun = reassessment is null ? null : ApprovalStep.RunPreparedAsync(context, reassessment);

        if (reviewRun is not null)
        {
            var reviewed = await reviewRun;
            await RecordAsync(context, info, AuditActions.StepOutcome, "Progress review " + reviewed.Result, section: $"progressReview-{nextState.Cycle}", data: new { result = reviewed.Result.ToString(), at = now });
            nextState = nextState with { NextProgressReview = policy.Calendar.Add(state.NextProgressReview, policy.Timer("progressReviewEvery")) };
        }

        if (reassessmentRun is not null)
        {
            var reassessed = await reassessmentRun;
            var riskLevel = reassessed.IsApproved ? reassessed.Attributes.GetValueOrDefault("riskLevel", state.RiskLevel) : state.RiskLevel;
            var assessmentId = reassessed.IsApproved ? await ReferralOrchestration.RecordAssessmentAsync(context, input, reassessed, riskLevel, nextState.Cycle) : state.AssessmentId;
            var doneAt = context.CurrentUtcDateTime;
            nextState = nextState with
            {
                RiskLevel = riskLevel,
                AssessmentId = assessmentId,
                NextRiskReassessment = policy.Calendar.Add(doneAt, ReassessmentInterval(policy, riskLevel)),
            };
            if (riskLevel != state.RiskLevel)
            {
                await NotifyAsync(context, info, NotificationKind.Outcome, "riskReassessment", "RiskLevelChanged", Roles.ProgrammeCoordinator);
            }
        }

        context.ContinueAsNew(input with { Monitoring = nextState });
        return new WorkflowResult("ContinuedAsNew");
    }

    private static void ShowSteps(OrchestrationContext context, IReadOnlyList<ApprovalStep.Prepared?> steps)
    {
        var running = steps.OfType<ApprovalStep.Prepared>().ToList();
        if (running.Count == 1)
        {
            context.SetCustomStatus(running[0].Status);
        }
        else if (running.Count > 1)
        {
            // The dashboard names one step (the re-assessment, the weightier); it waits on the tasks of both.
            context.SetCustomStatus(new WorkflowStatus
            {
                Step = running[^1].Status.Step,
                ApprovalInstanceId = running[^1].Status.ApprovalInstanceId,
                NextDeadline = running.Min(p => p.Status.NextDeadline),
                WaitingOnTaskIds = [.. running.SelectMany(p => p.Status.WaitingOnTaskIds)],
                WaitingOnRoles = [.. running.SelectMany(p => p.Status.WaitingOnRoles).Distinct()],
            });
        }
    }
}
