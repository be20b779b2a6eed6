using Workflows.Approvals;
using Workflows.Audit;
using Workflows.Engine;
using Workflows.Notifications;
using Workflows.Policies;
using static Workflows.WorkflowSteps;

namespace Workflows.PreRelease;

/// <summary>
/// One execution of pre-release planning, milestone by milestone. It owns the current release date R
/// and the approval steps running now, so a court decision that moves R moves both the milestone waits
/// and the clocks of those steps. A step withdrawn by the requester ends the planning as Withdrawn.
/// </summary>
internal sealed class PreReleaseRun(OrchestrationContext context, PreReleaseInput input)
{
    private readonly CaseInfo _info = input.Case;
    private readonly WorkflowPolicy _policy = input.Policy;
    private readonly List<ApprovalStep.Prepared> _running = [];
    private DateTimeOffset _release = input.ReleaseAt;

    public OrchestrationContext Context => context;

    public CaseInfo Info => _info;

    public WorkflowPolicy Policy => _policy;

    public DateTimeOffset Release => _release;

    public async Task<WorkflowResult> RunAsync()
    {
        // R − 12 months (or at once): open planning; probation and the local authority of the likely residence are told.
        await WaitUntilAsync("planningOpens");
        await RecordAsync(context, _info, AuditActions.EventRecorded, "PlanningOpened; identity documents recovery started", status: "Planning");
        await NotifyAsync(context, _info, NotificationKind.Alert, "planningOpens", "PlanningOpened", Roles.ProbationOfficer, ScopeLevel.Region);
        await NotifyAsync(context, _info, NotificationKind.Alert, "planningOpens", "PlanningOpened", Roles.LocalAuthority, ScopeLevel.Region);
        await NotifyAsync(context, _info, NotificationKind.Alert, "planningOpens", "CsoAftercareInvitation", Roles.CentralPartnershipsUnit, ScopeLevel.Central);

        // R − 9 months: risk re-assessment and resettlement needs, in parallel.
        await WaitUntilAsync("needsAssessment");
        var risk = await ApprovalStep.PrepareAsync(context, input.StepRequest("riskReassessment"));
        var needs = await ApprovalStep.PrepareAsync(context, input.StepRequest("resettlementNeeds"));
        context.SetCustomStatus(risk.Status with { Step = "needsAssessment", WaitingOnTaskIds = [.. risk.Status.WaitingOnTaskIds, .. needs.Status.WaitingOnTaskIds], WaitingOnRoles = [.. risk.Status.WaitingOnRoles, .. needs.Status.WaitingOnRoles] });
        var outcomes = await RunAsync([risk, needs]);
        if (outcomes.Any(IsWithdrawn))
        {
            return await WithdrawnAsync();
        }

        var riskLevel = outcomes[0].IsApproved ? outcomes[0].Attributes.GetValueOrDefault("riskLevel", input.RiskLevel) : input.RiskLevel;
        var caretaking = CaretakingNeeds.From(outcomes[1]);
        await RecordAsync(context, _info, AuditActions.StepOutcome, "Resettlement needs " + outcomes[1].Result, section: "resettlementNeeds",
            data: new { result = outcomes[1].Result.ToString(), caretakingResponsibilities = caretaking.CaretakingResponsibilities, dependentChildren = caretaking.DependentChildren });

        // R − 6 months: multi-agency planning conference, then plan approval; a rejected plan is planned again.
        // Safeguard 7: caretaking responsibilities and children feed the plan (housing, childcare, contact with the children).
        await WaitUntilAsync("planningConference");
        if (caretaking.FeedPlanning)
        {
            await NotifyAsync(context, _info, NotificationKind.Alert, "planningConference", "CaretakingResponsibilitiesToPlan", Roles.LocalAuthority, ScopeLevel.Region);
            await NotifyAsync(context, _info, NotificationKind.Alert, "planningConference", "CaretakingResponsibilitiesToPlan", Roles.ProbationOfficer, ScopeLevel.Region);
        }

        // The plan's needs: caretaking and children, and the linked referral's programme outcome (its exit).
        var programme = await context.CallDomainActivityAsync<LinkedProgrammeOutcome>(ReadProgrammeOutcomeActivity.Name, _info.CaseId);
        await RecordAsync(context, _info, AuditActions.SectionWritten, "Plan needs", section: ReleasePlanSections.Needs,
            data: new { caretakingResponsibilities = caretaking.CaretakingResponsibilities, dependentChildren = caretaking.DependentChildren, referralCaseId = programme.ReferralCaseId, programmeOutcome = programme.Outcome, programmeExitAt = programme.At });

        var plan = await PlanRounds.RunAsync(this, riskLevel);
        if (plan.Result == PlanRounds.Withdrawn)
        {
            return await WithdrawnAsync();
        }

        // Approval seals the content the conference recorded; an approved plan without content is flagged to the planners.
        var contentRecorded = plan.Result == PlanRounds.Approved && await context.CallDomainActivityAsync<bool>(SealReleasePlanActivity.Name, new SealPlanInput(_info.CaseId));
        await RecordAsync(context, _info, AuditActions.StepOutcome, $"Release and risk management plan {(plan.Result == PlanRounds.Approved ? "approved" : "not approved")} after {plan.Rounds} round(s)", section: "releasePlan",
            data: new { approved = plan.Result == PlanRounds.Approved, rounds = plan.Rounds, riskLevel, releaseAt = _release, caretakingResponsibilities = caretaking.CaretakingResponsibilities, dependentChildren = caretaking.DependentChildren, programmeOutcome = programme.Outcome, contentRecorded });
        if (plan.Result == PlanRounds.Approved && !contentRecorded)
        {
            await NotifyAsync(context, _info, NotificationKind.Alert, "planApproval", "PlanContentNotRecorded", Roles.SocialWorker);
        }

        // R − 3 months: housing and work confirmed; written briefing of conditions and rights.
        await WaitUntilAsync("housingConfirmation");
        if (IsWithdrawn(await StepAsync("housingWorkConfirmation")))
        {
            return await WithdrawnAsync();
        }

        await NotifyAsync(context, _info, NotificationKind.DecisionNotice, "housingConfirmation", "ConditionsAndRightsBriefing", toSubject: true, challengeRoute: "complaint");

        // R − 1 month: final checklist.
        await WaitUntilAsync("finalChecklist");
        if (IsWithdrawn(await StepAsync("finalChecklist")))
        {
            return await WithdrawnAsync();
        }

        // Release day: hand-over record, probation registration, first mentor contact.
        await WaitUntilAsync(null);
        await ApprovalStep.RunAsync(context, input.StepRequest("releaseHandover"));
        await RecordAsync(context, _info, AuditActions.EventRecorded, "Released", status: "PostRelease");
        context.ContinueAsNew(input with { ReleaseAt = _release, RiskLevel = riskLevel, PostRelease = new PostReleaseState(0, 0, 0) });
        return new WorkflowResult("ContinuedAsNew");
    }

    public static bool IsWithdrawn(ApprovalOutcome outcome) => outcome.Result == ApprovalResult.Withdrawn;

    /// <summary>Runs one step (its clock following R), showing it in the custom status.</summary>
    public async Task<ApprovalOutcome> StepAsync(string step, StepPolicy? stepPolicy = null)
    {
        var prepared = await ApprovalStep.PrepareAsync(context, input.StepRequest(step, stepPolicy));
        context.SetCustomStatus(prepared.Status);
        return (await RunAsync([prepared]))[0];
    }

    private async Task<ApprovalOutcome[]> RunAsync(IReadOnlyList<ApprovalStep.Prepared> steps)
    {
        _running.AddRange(steps);
        var outcomes = await WithDateChangesAsync(Task.WhenAll(steps.Select(p => ApprovalStep.RunPreparedAsync(context, p))));
        _running.RemoveAll(steps.Contains);
        return outcomes;
    }

    private Task<WorkflowResult> WithdrawnAsync() => FinishAsync(context, _info, "Withdrawn");

    /// <summary>Waits until R minus the policy timer (R itself for null), following every change of R.</summary>
    private async Task WaitUntilAsync(string? timer)
    {
        while (true)
        {
            var at = timer is null ? _release : _policy.Calendar.Subtract(_release, _policy.Timer(timer));
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

    /// <summary>R moves: the running steps' deadlines, reminders and escalations move by as much.</summary>
    private async Task ApplyAsync(ReleaseDateSignal signal)
    {
        var shift = signal.ReleaseAt - _release;
        _release = signal.ReleaseAt;
        foreach (var step in _running)
        {
            ApprovalStep.Reschedule(context, step.InstanceId, shift);
        }

        await RecordAsync(context, _info, AuditActions.EventRecorded, $"Release date moved by decision {signal.DecisionRef}", section: "releaseDate", tier: Cases.DataTier.Legal, data: new { releaseAt = _release, signal.DecisionRef, movedSteps = _running.Count });
    }
}
