using Microsoft.Extensions.DependencyInjection;
using Workflows.Approvals;
using Workflows.Engine;
using Workflows.Engine.Testing;
using Workflows.Referrals;

namespace Workflows.Bench;

/// <summary>
/// A referral through every step, letting each default timer fire before anyone answers: reminders and
/// escalations of every step, the consent-overdue notice, a refusal and the reflection period, the
/// placement escalating to the deputy and then central administration, the waiting-list alerts, then
/// three years of monitoring (progress reviews and re-assessments, each reminded and escalated), and the exit.
/// </summary>
public sealed class FullReferralScenario : IAsyncDisposable
{
    private readonly OrchestrationTestHost _host = OrchestrationTestHost.Create(engine => engine.AddProgrammeWorkflows(), services => services.AddProgrammeWorkflows());

    public OrchestrationTestHost Host => _host;

    public string InstanceId { get; private set; } = string.Empty;

    public string CaseId { get; private set; } = string.Empty;

    public int Decisions { get; private set; }

    /// <summary>Runs the referral; with <paramref name="refusalStands"/> the prisoner's refusal is not changed and becomes final after the reflection period.</summary>
    public async Task<WorkflowResult?> RunAsync(int monitoringYears = 3, bool refusalStands = false)
    {
        var people = _host.Services.GetRequiredService<People.IPersonDirectory>();
        var referrals = _host.Services.GetRequiredService<ReferralService>();
        var referrer = (await people.FindAsync("referrer.almaty"))!.ToActor();
        var intake = await referrals.StartReferralAsync(
            new ReferralRequest
            {
                PrisonerId = "P-BENCH",
                FacilityId = "almaty",
                Trigger = "staffObservation",
                ReasonCodes = ["recruitment-attempt"],
                EvidenceNarrative = "Observed recruiting on the wing on two occasions.",
                DateOfBirth = new DateOnly(1988, 1, 1),
                Sex = "male",
            },
            referrer);
        (InstanceId, CaseId) = (intake.InstanceId!, intake.CaseId!);
        await _host.RunUntilIdleAsync();

        await WaitThenApproveAsync(TimeSpan.FromDays(9), "eligibilityScreening");
        // Overdue, the director joins the assessment as one vote; four eyes: an assessor's agreement makes the quorum.
        await WaitThenApproveAsync(TimeSpan.FromDays(31), "riskAssessment", onlyRole: Roles.PrisonDirector);
        await ApproveOpenAsync("riskAssessment", Roles.RiskAssessor);
        await WaitThenApproveAsync(TimeSpan.FromDays(15), "securityClearance");

        await _host.AdvanceAsync(TimeSpan.FromDays(11));
        var coordinator = (await people.FindAsync("coordinator.almaty"))!.ToActor();
        await referrals.RecordConsentAsync(CaseId, Consent(false), coordinator);
        if (refusalStands)
        {
            await _host.AdvanceAsync(TimeSpan.FromHours(72));
            return await OutputAsync();
        }

        await _host.AdvanceAsync(TimeSpan.FromHours(48));
        await referrals.RecordConsentAsync(CaseId, Consent(true), coordinator);
        await _host.RunUntilIdleAsync();

        await WaitThenApproveAsync(TimeSpan.FromDays(15), "caseConference");
        await WaitThenApproveAsync(TimeSpan.FromDays(16), "placementDecision");

        await _host.AdvanceAsync(TimeSpan.FromDays(95));
        await referrals.RecordProgrammeStartAsync(CaseId, coordinator, "prog-bench");
        await _host.RunUntilIdleAsync();

        var end = _host.UtcNow.AddYears(monitoringYears);
        while (_host.UtcNow < end)
        {
            await _host.AdvanceAsync(TimeSpan.FromDays(11));
            await ApproveOpenAsync(null, null);
        }

        await referrals.RecordExitAsync(CaseId, ExitKind.Completion, null, coordinator);
        await _host.RunUntilIdleAsync();
        return await OutputAsync();
    }

    private async Task<WorkflowResult?> OutputAsync()
    {
        var state = await _host.GetStateAsync(InstanceId);
        return state.RuntimeStatus == OrchestrationRuntimeStatus.Completed ? await _host.GetOutputAsync<WorkflowResult>(InstanceId) : null;
    }

    private async Task WaitThenApproveAsync(TimeSpan wait, string step, string? onlyRole = null)
    {
        await _host.AdvanceAsync(wait);
        await ApproveOpenAsync(step, onlyRole);
    }

    private async Task ApproveOpenAsync(string? step, string? onlyRole)
    {
        var tasks = _host.Services.GetRequiredService<IApprovalTaskStore>();
        var decisions = _host.Services.GetRequiredService<ApprovalDecisionService>();
        var people = _host.Services.GetRequiredService<People.IPersonDirectory>();
        while ((await tasks.ListByCaseAsync(CaseId)).FirstOrDefault(t => t.IsOpen && t.AssigneeId is not null && (step is null || t.Step == step) && (onlyRole is null || t.Role == onlyRole)) is { } task)
        {
            var actor = (await people.FindAsync(task.AssigneeId!))!.ToActor();
            var attributes = task.RequiredAttributes.ToDictionary(a => a, _ => "Medium");
            var result = await decisions.DecideAsync(new DecisionCommand { TaskId = task.TaskId, Actor = actor, Decision = DecisionKind.Approve, Attributes = attributes, Channel = DecisionChannel.Email });
            if (result.Status != DecisionStatus.Recorded)
            {
                throw new InvalidOperationException($"Decision on {task.Step} by {task.AssigneeId}: {result.Status}");
            }

            Decisions++;
            await _host.RunUntilIdleAsync();
        }
    }

    private static ConsentRecord Consent(bool given) => new()
    {
        Given = given,
        Language = "kk",
        WhatWasExplained = "Programme content and records.",
        LimitsOfConfidentialityExplained = true,
        RightToWithdrawExplained = true,
    };

    public ValueTask DisposeAsync() => _host.DisposeAsync();
}
