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
            return await ExitAsync(context, info, state, exit.Result);
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
        // The status shows both while they run (the most urgent as its step).
        var phase = new PhaseStatus(context, "monitoring");
        var running = new Dictionary<string, RunningStep>(StringComparer.Ordinal);
        if (reviewDue)
        {
            running[ProgressReview] = await StartAsync(context, input, ProgressReview, phase);
        }

        if (reassessmentDue)
        {
            running[RiskReassessment] = await StartAsync(context, input, RiskReassessment, phase);
        }

        while (running.Count > 0)
        {
            // The exit, or a trigger, does not wait for running steps (up to 60 days with tasks open).
            using var stepCts = new CancellationTokenSource();
            var exitDuringSteps = context.WaitForExternalEvent<ExitSignal>(ReferralEvents.ProgrammeExit, stepCts.Token);
            var triggerDuringSteps = running.ContainsKey(RiskReassessment) ? null : context.WaitForExternalEvent<TriggerSignal>(ReferralEvents.ReassessmentTriggered, stepCts.Token);
            List<Task> waits = [exitDuringSteps, .. running.Values.Select(r => r.Outcome)];
            if (triggerDuringSteps is not null)
            {
                waits.Add(triggerDuringSteps);
            }

            var first = await Task.WhenAny(waits);
            Cancel(stepCts);
            if (first == exitDuringSteps && exitDuringSteps.IsCompletedSuccessfully)
            {
                await WithdrawAsync(context, info, running);
                return await ExitAsync(context, info, nextState, exitDuringSteps.Result);
            }

            if (first == triggerDuringSteps && triggerDuringSteps.IsCompletedSuccessfully)
            {
                await RecordAsync(context, info, AuditActions.EventRecorded, "Re-assessment triggered: " + triggerDuringSteps.Result.Trigger);
                running[RiskReassessment] = await StartAsync(context, input, RiskReassessment, phase);
                continue;
            }

            var (name, step) = running.First(r => r.Value.Outcome == first);
            running.Remove(name);
            var outcome = await step.Outcome;
            nextState = name == ProgressReview
                ? await ReviewedAsync(context, input, state, nextState, outcome, now)
                : await ReassessedAsync(context, input, nextState, outcome);
        }

        context.ContinueAsNew(input with { Monitoring = nextState });
        return new WorkflowResult("ContinuedAsNew");
    }

    private const string ProgressReview = "progressReview";

    private const string RiskReassessment = "riskReassessment";

    private sealed record RunningStep(ApprovalStep.Prepared Prepared, Task<ApprovalOutcome> Outcome);

    private static async Task<RunningStep> StartAsync(OrchestrationContext context, ReferralInput input, string step, PhaseStatus phase)
    {
        var prepared = await ApprovalStep.PrepareAsync(context, input.StepRequest(step, [input.Case.RequesterId]));
        return new RunningStep(prepared, phase.RunAsync(prepared));
    }

    /// <summary>The steps still running when the programme ends are withdrawn: their tasks close, and the case says which.</summary>
    private static async Task WithdrawAsync(OrchestrationContext context, CaseInfo info, Dictionary<string, RunningStep> running)
    {
        foreach (var step in running.Values)
        {
            ApprovalStep.Withdraw(context, step.Prepared);
        }

        foreach (var (name, step) in running)
        {
            await step.Outcome;
            await RecordAsync(context, info, AuditActions.Withdrawn, $"{name} withdrawn at programme exit");
        }
    }

    /// <summary>10. Exit: completion, withdrawal by the prisoner (neutral), or suspension by the director (reasons and complaint route).</summary>
    private static async Task<WorkflowResult> ExitAsync(OrchestrationContext context, CaseInfo info, MonitoringState state, ExitSignal exit)
    {
        var outcome = exit.Kind switch
        {
            ExitKind.Completion => ReferralOutcomes.Completed,
            ExitKind.Withdrawal => ReferralOutcomes.WithdrawnByPrisoner,
            _ => ReferralOutcomes.SuspendedByDirector,
        };
        await RecordAsync(context, info, AuditActions.EventRecorded, "ProgrammeExit " + outcome, section: "programmeOutcome", data: new { outcome, at = context.CurrentUtcDateTime, state.RiskLevel });
        return await FinishAsync(context, info, outcome, noticeToSubject: exit.Kind == ExitKind.Suspension);
    }

    private static async Task<MonitoringState> ReviewedAsync(OrchestrationContext context, ReferralInput input, MonitoringState state, MonitoringState nextState, ApprovalOutcome reviewed, DateTimeOffset startedAt)
    {
        var policy = input.Policy;
        await RecordAsync(context, input.Case, AuditActions.StepOutcome, "Progress review " + reviewed.Result, section: $"progressReview-{nextState.Cycle}", data: new { result = reviewed.Result.ToString(), at = startedAt });
        return nextState with { NextProgressReview = policy.Calendar.Add(state.NextProgressReview, policy.Timer("progressReviewEvery")) };
    }

    private static async Task<MonitoringState> ReassessedAsync(OrchestrationContext context, ReferralInput input, MonitoringState nextState, ApprovalOutcome reassessed)
    {
        var info = input.Case;
        var policy = input.Policy;
        // Against the cycle's latest level, not its start: a triggered re-assessment may follow one that already finished.
        var riskLevel = reassessed.IsApproved ? reassessed.Attributes.GetValueOrDefault("riskLevel", nextState.RiskLevel) : nextState.RiskLevel;
        var assessmentId = reassessed.IsApproved ? await ReferralOrchestration.RecordAssessmentAsync(context, input, reassessed, riskLevel, nextState.Cycle) : nextState.AssessmentId;
        var doneAt = context.CurrentUtcDateTime;
        if (riskLevel != nextState.RiskLevel)
        {
            // Safeguard 6: a changed risk level is a decision about the person; they are told it and how to challenge it.
            await NotifyAsync(context, info, NotificationKind.Outcome, "riskReassessment", "RiskLevelChanged", Roles.ProgrammeCoordinator, toSubject: true, challengeRoute: "complaint");
        }

        return nextState with
        {
            RiskLevel = riskLevel,
            AssessmentId = assessmentId,
            NextRiskReassessment = policy.Calendar.Add(doneAt, ReassessmentInterval(policy, riskLevel)),
        };
    }
}
