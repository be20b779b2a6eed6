using Workflows.Approvals;
using Workflows.Audit;
using Workflows.Engine;
using Workflows.Notifications;
using static Workflows.WorkflowSteps;

namespace Workflows.PreRelease;

/// <summary>
/// Workflow 3 — pre-release planning: every milestone is relative to the release date R (R−12 months or
/// at once, R−9, R−6 with the planning conference and plan approval, R−3, R−1, release day). A court or
/// parole decision moves R at any time, and every pending milestone moves with it: milestone timers are
/// computed from the current R each time the workflow waits. Then post-release follow-up (<see cref="PostReleasePhase"/>).
/// </summary>
[OrchestrationName(Name)]
public sealed class PreReleaseOrchestration : Orchestration<PreReleaseInput, WorkflowResult>
{
    public const string Name = "PreRelease";

    public override async Task<WorkflowResult> RunAsync(OrchestrationContext context, PreReleaseInput input)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);
        if (input.PostRelease is not null)
        {
            return await PostReleasePhase.RunAsync(context, input);
        }

        var run = new Run(context, input);
        return await run.RunAsync();
    }

    private sealed class Run(OrchestrationContext context, PreReleaseInput input)
    {
        private readonly CaseInfo _info = input.Case;
        private DateTimeOffset _release = input.ReleaseAt;

        public async Task<WorkflowResult> RunAsync()
        {
            var policy = input.Policy;

            // R − 12 months (or at once): open planning; probation and the local authority of the likely residence are told.
            await WaitUntilAsync("planningOpens");
            await RecordAsync(context, _info, AuditActions.EventRecorded, "PlanningOpened; identity documents recovery started", status: "Planning");
            await NotifyAsync(context, _info, NotificationKind.Alert, "planningOpens", "PlanningOpened", Roles.ProbationOfficer, ScopeLevel.Region);
            await NotifyAsync(context, _info, NotificationKind.Alert, "planningOpens", "PlanningOpened", Roles.LocalAuthority, ScopeLevel.Region);
            await NotifyAsync(context, _info, NotificationKind.Alert, "planningOpens", "CsoAftercareInvitation", Roles.CentralPartnershipsUnit, ScopeLevel.Central);

            // R − 9 months: risk re-assessment and resettlement needs, in parallel.
            await WaitUntilAsync("needsAssessment");
            var risk = await ApprovalStep.PrepareAsync(context, Request(_info, policy, "riskReassessment"));
            var needs = await ApprovalStep.PrepareAsync(context, Request(_info, policy, "resettlementNeeds"));
            context.SetCustomStatus(risk.Status with { Step = "needsAssessment", WaitingOnTaskIds = [.. risk.Status.WaitingOnTaskIds, .. needs.Status.WaitingOnTaskIds], WaitingOnRoles = [.. risk.Status.WaitingOnRoles, .. needs.Status.WaitingOnRoles] });
            var outcomes = await WithDateChangesAsync(Task.WhenAll(ApprovalStep.RunPreparedAsync(context, risk), ApprovalStep.RunPreparedAsync(context, needs)));
            var riskLevel = outcomes[0].IsApproved ? outcomes[0].Attributes.GetValueOrDefault("riskLevel", input.RiskLevel) : input.RiskLevel;

            // R − 6 months: multi-agency planning conference, then plan approval (prison → director → probation accepts).
            await WaitUntilAsync("planningConference");
            await WithDateChangesAsync(ApprovalStep.RunAsync(context, Request(_info, policy, "planningConference")));
            var approval = await WithDateChangesAsync(ApprovalStep.RunAsync(context, Request(_info, policy, "planApproval")));
            if (riskLevel == "High")
            {
                // High risk: prison, probation, police/security and local authority all sign the risk-management section; a dissent goes central.
                var panel = await WithDateChangesAsync(ApprovalStep.RunAsync(context, Request(_info, policy, "highRiskPanel")));
                if (!panel.IsApproved)
                {
                    approval = await WithDateChangesAsync(ApprovalStep.RunAsync(context, Request(_info, policy, "panelDissentReview")));
                }
            }

            await RecordAsync(context, _info, AuditActions.StepOutcome, "Release and risk management plan " + (approval.IsApproved ? "approved" : "not approved"), section: "releasePlan", data: new { approved = approval.IsApproved, riskLevel, releaseAt = _release });

            // R − 3 months: housing and work confirmed; written briefing of conditions and rights.
            await WaitUntilAsync("housingConfirmation");
            await WithDateChangesAsync(ApprovalStep.RunAsync(context, Request(_info, policy, "housingWorkConfirmation")));
            await NotifyAsync(context, _info, NotificationKind.DecisionNotice, "housingConfirmation", "ConditionsAndRightsBriefing", toSubject: true, challengeRoute: "complaint");

            // R − 1 month: final checklist.
            await WaitUntilAsync("finalChecklist");
            await WithDateChangesAsync(ApprovalStep.RunAsync(context, Request(_info, policy, "finalChecklist")));

            // Release day: hand-over record, probation registration, first mentor contact.
            await WaitUntilAsync(null);
            await ApprovalStep.RunAsync(context, Request(_info, policy, "releaseHandover"));
            await RecordAsync(context, _info, AuditActions.EventRecorded, "Released", status: "PostRelease");
            context.ContinueAsNew(input with { ReleaseAt = _release, RiskLevel = riskLevel, PostRelease = new PostReleaseState(0, 0, 0) });
            return new WorkflowResult("ContinuedAsNew");
        }

        /// <summary>Waits until R minus the policy timer (R itself for null), following every change of R.</summary>
        private async Task WaitUntilAsync(string? timer)
        {
            while (true)
            {
                var at = timer is null ? _release : input.Policy.Calendar.Subtract(_release, input.Policy.Timer(timer));
                if (at <= context.CurrentUtcDateTime)
                {
                    return;
                }

                ShowWait(context, timer ?? "releaseDay", at, Roles.SocialWorker);
                var changed = await WaitForEventAsync<ReleaseDateSignal>(context, PreReleaseEvents.ReleaseDateChanged, at);
                if (changed is null)
                {
                    return;
                }

                await ApplyAsync(changed);
            }
        }

        /// <summary>Waits for <paramref name="work"/> while applying court decisions that move R meanwhile.</summary>
        private async Task<T> WithDateChangesAsync<T>(Task<T> work)
        {
            while (true)
            {
                using var cts = new CancellationTokenSource();
                var changed = context.WaitForExternalEvent<ReleaseDateSignal>(PreReleaseEvents.ReleaseDateChanged, cts.Token);
                var winner = await Task.WhenAny(work, changed);
                Cancel(cts);
                if (winner == work)
                {
                    return await work;
                }

                await ApplyAsync(changed.Result);
            }
        }

        private async Task ApplyAsync(ReleaseDateSignal signal)
        {
            _release = signal.ReleaseAt;
            await RecordAsync(context, _info, AuditActions.EventRecorded, $"Release date moved by decision {signal.DecisionRef}", section: "releaseDate", data: new { releaseAt = _release, signal.DecisionRef });
        }
    }
}
