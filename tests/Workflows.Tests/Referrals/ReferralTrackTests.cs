using Workflows.Approvals;
using Workflows.Notifications;
using Workflows.Referrals;
using Workflows.Tests.Support;

namespace Workflows.Tests.Referrals;

public sealed class ReferralTrackTests : IAsyncLifetime
{
    private readonly DomainHost _host = DomainHost.Create();

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public ValueTask DisposeAsync() => _host.DisposeAsync();

    [Fact]
    public async Task Juvenile_TakesTheJuvenilePathway_WithChildProtectionAndGuardianConsent()
    {
        var referral = new ReferralDriver(_host, "taraz");
        await referral.SubmitAsync(ReferralDriver.Request("taraz", new DateOnly(2010, 3, 1)));
        Assert.Contains(_host.Notifier.Sent, n => n.Code == "JuvenileReferral" && n.RecipientId == "childprotection.south");
        Assert.True((await _host.Cases.GetAsync(referral.CaseId))!.IsJuvenile);

        await referral.ApproveEligibilityAsync();
        Assert.NotEmpty(await _host.OpenTasksAsync(referral.CaseId, "riskAssessmentJuvenile"));
        await referral.AssessAsync("Low");
        await referral.ClearSecurityAsync();

        var withoutGuardian = await referral.Service.RecordConsentAsync(referral.CaseId, ReferralDriver.Consent(true), _host.Actor("coordinator.taraz"));
        Assert.Contains(withoutGuardian.Errors!, e => e.Field == "guardianConsent");
        Assert.Contains(withoutGuardian.Errors!, e => e.Field == "childViews");

        await referral.ConsentAsync(true, guardian: true, childViews: "Wants to continue school.");
        Assert.Equal("caseConference", await referral.StepAsync());
    }

    [Fact]
    public async Task Women_AssessmentGoesOnlyToWomenStaff()
    {
        var referral = new ReferralDriver(_host, "kostanay");
        await referral.SubmitAsync(ReferralDriver.Request("kostanay", sex: "female"));
        await referral.ApproveEligibilityAsync();

        var assessors = (await _host.OpenTasksAsync(referral.CaseId, "riskAssessment")).Select(t => t.AssigneeId).ToHashSet();

        Assert.Equal(new HashSet<string?> { "assessor1.kostanay", "assessor2.kostanay" }, assessors);
    }

    [Fact]
    public async Task Monitoring_ReviewsEveryThreeMonths_ReassessesAtSix_AndKeepsHistoryShort()
    {
        var referral = new ReferralDriver(_host);
        await referral.SubmitAsync();
        await referral.ThroughPlacementAsync();
        await referral.StartProgrammeAsync();
        var started = _host.Now;

        await _host.Host.AdvanceToAsync(started.AddMonths(3));
        var review = Assert.Single(await _host.OpenTasksAsync(referral.CaseId, "progressReview"));
        await _host.DecideOpenAsync(referral.CaseId, "coordinator.almaty", DecisionKind.Approve);

        await _host.Host.AdvanceToAsync(started.AddMonths(6));
        Assert.Single(await _host.OpenTasksAsync(referral.CaseId, "progressReview"));
        await _host.DecideOpenAsync(referral.CaseId, "coordinator.almaty", DecisionKind.Approve);
        Assert.Equal(3, (await _host.OpenTasksAsync(referral.CaseId, "riskReassessment")).Count);
        await referral.AssessAsync("Low");

        Assert.Equal("monitoring", await referral.StepAsync());
        var state = await _host.StateAsync(referral.InstanceId);
        Assert.True(state.HistoryLength < 40, $"history has {state.HistoryLength} events");
        Assert.NotNull(review);
    }

    [Fact]
    public async Task Monitoring_TriggeredReassessment_RunsAtOnce()
    {
        var referral = new ReferralDriver(_host);
        await referral.SubmitAsync();
        await referral.ThroughPlacementAsync();
        await referral.StartProgrammeAsync();

        Assert.Equal(DecisionStatus.Invalid, (await referral.Service.TriggerReassessmentAsync(referral.CaseId, "rumour", _host.Actor("security.almaty"))).Status);
        Assert.Equal(DecisionStatus.Recorded, (await referral.Service.TriggerReassessmentAsync(referral.CaseId, "incident", _host.Actor("security.almaty"))).Status);
        await _host.Host.RunUntilIdleAsync();

        var open = await _host.OpenTasksOfCaseAsync(referral.CaseId);
        Assert.True(open.Count(t => t.Step == "riskReassessment") == 3, string.Join("; ", (await _host.Tasks.ListByCaseAsync(referral.CaseId)).Select(t => $"{t.Step}/{t.AssigneeId}/{t.Status}")));
    }

    [Fact]
    public async Task Monitoring_SuspensionByTheDirector_NeedsReasons_AndNotifiesThePrisoner()
    {
        var referral = new ReferralDriver(_host);
        await referral.SubmitAsync();
        await referral.ThroughPlacementAsync();
        await referral.StartProgrammeAsync();

        Assert.Equal(DecisionStatus.Invalid, (await referral.Service.RecordExitAsync(referral.CaseId, ExitKind.Suspension, null, _host.Actor("director.almaty"))).Status);
        Assert.Equal(DecisionStatus.NotEntitled, (await referral.Service.RecordExitAsync(referral.CaseId, ExitKind.Suspension, "violence", _host.Actor("coordinator.almaty"))).Status);
        Assert.Equal(DecisionStatus.Recorded, (await referral.Service.RecordExitAsync(referral.CaseId, ExitKind.Suspension, "Assault on a participant.", _host.Actor("director.almaty"))).Status);
        await _host.Host.RunUntilIdleAsync();

        Assert.Equal(ReferralOutcomes.SuspendedByDirector, await referral.OutcomeAsync());
        Assert.Contains(_host.Notifier.Sent, n => n.Kind == NotificationKind.DecisionNotice && n.Code == ReferralOutcomes.SuspendedByDirector && n.ChallengeRoute == "complaint");
    }
}
