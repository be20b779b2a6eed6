using Workflows.Approvals;
using Workflows.Audit;
using Workflows.Referrals;
using Workflows.Notifications;
using Workflows.Tests.Support;

namespace Workflows.Tests.Referrals;

/// <summary>During monitoring an exit or a trigger does not wait for a running review or re-assessment.</summary>
public sealed class ReferralExitTests : IAsyncLifetime
{
    private readonly DomainHost _host = DomainHost.Create();
    private readonly ReferralDriver _referral;

    public ReferralExitTests() => _referral = new ReferralDriver(_host);

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public ValueTask DisposeAsync() => _host.DisposeAsync();

    private async Task InProgressReviewAsync()
    {
        await _referral.SubmitAsync();
        await _referral.ThroughPlacementAsync();
        await _referral.StartProgrammeAsync();
        await _host.Host.AdvanceAsync(TimeSpan.FromDays(92));
        Assert.Single(await _host.OpenTasksAsync(_referral.CaseId, "progressReview"));
    }

    [Fact]
    public async Task ExitWhileAProgressReviewIsOpen_EndsTheReferralAtOnce()
    {
        await InProgressReviewAsync();

        var exit = await _referral.Service.RecordExitAsync(_referral.CaseId, ExitKind.Withdrawal, null, _host.Actor("coordinator.almaty"));
        await _host.Host.RunUntilIdleAsync();

        Assert.Equal(DecisionStatus.Recorded, exit.Status);
        Assert.Equal(ReferralOutcomes.WithdrawnByPrisoner, await _referral.OutcomeAsync());
        Assert.Empty(await _host.OpenTasksOfCaseAsync(_referral.CaseId));
        Assert.Equal(ApprovalTaskStatus.Cancelled, Assert.Single(await _host.Tasks.ListByCaseAsync(_referral.CaseId), t => t.Step == "progressReview").Status);
        Assert.Contains(_host.Audit.All, e => e.CaseId == _referral.CaseId && e.Action == AuditActions.Withdrawn && e.Reason == "progressReview withdrawn at programme exit");
    }

    [Fact]
    public async Task SuspensionWhileAReviewAndAReassessmentRun_WithdrawsBoth()
    {
        await InProgressReviewAsync();
        await _referral.Service.TriggerReassessmentAsync(_referral.CaseId, "incident", _host.Actor("security.almaty"));
        await _host.Host.RunUntilIdleAsync();

        await _referral.Service.RecordExitAsync(_referral.CaseId, ExitKind.Suspension, "Assault on a participant.", _host.Actor("director.almaty"));
        await _host.Host.RunUntilIdleAsync();

        Assert.Equal(ReferralOutcomes.SuspendedByDirector, await _referral.OutcomeAsync());
        Assert.Empty(await _host.OpenTasksOfCaseAsync(_referral.CaseId));
    }

    [Fact]
    public async Task TriggerWhileAProgressReviewIsOpen_StartsTheReassessmentAtOnce()
    {
        await InProgressReviewAsync();

        await _referral.Service.TriggerReassessmentAsync(_referral.CaseId, "incident", _host.Actor("security.almaty"));
        await _host.Host.RunUntilIdleAsync();

        Assert.Equal(3, (await _host.OpenTasksAsync(_referral.CaseId, "riskReassessment")).Count);
        Assert.Single(await _host.OpenTasksAsync(_referral.CaseId, "progressReview"));
    }

    [Fact]
    public async Task SecondTriggerInOneCycle_IsJudgedAgainstTheFirstReassessmentsLevel()
    {
        await InProgressReviewAsync();
        var high = new Dictionary<string, string> { ["riskLevel"] = "High" };
        await _referral.Service.TriggerReassessmentAsync(_referral.CaseId, "incident", _host.Actor("security.almaty"));
        await _host.Host.RunUntilIdleAsync();
        await _host.DecideOpenAsync(_referral.CaseId, "assessor1.almaty", DecisionKind.Approve, attributes: high);
        await _host.DecideOpenAsync(_referral.CaseId, "assessor2.almaty", DecisionKind.Approve, attributes: high);
        Assert.Single(await _host.OpenTasksAsync(_referral.CaseId, "progressReview"));

        // The review is still open: a second trigger in the same cycle confirms High, which is no change.
        await _referral.Service.TriggerReassessmentAsync(_referral.CaseId, "intelligenceReport", _host.Actor("security.almaty"));
        await _host.Host.RunUntilIdleAsync();
        await _host.DecideOpenAsync(_referral.CaseId, "assessor1.almaty", DecisionKind.Approve, attributes: high);
        await _host.DecideOpenAsync(_referral.CaseId, "assessor2.almaty", DecisionKind.Approve, attributes: high);

        Assert.Single(_host.Notifier.Sent, n => n.CaseId == _referral.CaseId && n.Kind == NotificationKind.DecisionNotice && n.Code == "RiskLevelChanged");
    }
}
