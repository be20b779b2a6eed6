using Workflows.Approvals;
using Workflows.Notifications;
using Workflows.PreRelease;
using Workflows.Tests.Support;

namespace Workflows.Tests.PreRelease;

public sealed class PreReleaseTests : IAsyncLifetime
{
    private readonly DomainHost _host = DomainHost.Create();
    private string _caseId = string.Empty;
    private string _instanceId = string.Empty;

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public ValueTask DisposeAsync() => _host.DisposeAsync();

    private PreReleaseService Service => _host.Service<PreReleaseService>();

    private async Task StartAsync(DateOnly release, string risk = "Medium")
    {
        var result = await Service.StartPlanningAsync(new PreReleaseRequest { PrisonerId = "P-9", FacilityId = "almaty", ReleaseDate = release, RiskLevel = risk, Language = "ru" }, _host.Actor("socialworker.almaty"));
        Assert.Equal(IntakeStatus.Started, result.Status);
        (_caseId, _instanceId) = (result.CaseId!, result.InstanceId!);
        await _host.Host.RunUntilIdleAsync();
    }

    private bool PlanningOpened => _host.Notifier.Sent.Any(n => n.CaseId == _caseId && n.Code == "PlanningOpened");

    [Fact]
    public async Task Start_InvalidRequest_NamesEachField()
    {
        var result = await Service.StartPlanningAsync(new PreReleaseRequest { FacilityId = "almaty", ReleaseDate = new DateOnly(2020, 1, 1), RiskLevel = "Extreme" }, _host.Actor("socialworker.almaty"));

        var errors = result.Errors!.Select(e => (e.Field, e.Code)).ToHashSet();
        Assert.Equal(new HashSet<(string, string)> { ("prisonerId", ErrorCodes.Required), ("releaseDate", ErrorCodes.OutOfRange), ("riskLevel", ErrorCodes.UnknownValue) }, errors);
    }

    [Fact]
    public async Task PlanningOpens_TwelveMonthsBeforeRelease()
    {
        await StartAsync(new DateOnly(2027, 3, 5));

        await _host.Host.AdvanceToAsync(new DateTimeOffset(2026, 3, 5, 8, 59, 0, TimeSpan.Zero));
        Assert.False(PlanningOpened);
        await _host.Host.AdvanceToAsync(new DateTimeOffset(2026, 3, 5, 9, 0, 0, TimeSpan.Zero));

        Assert.True(PlanningOpened);
        Assert.Contains(_host.Notifier.Sent, n => n.Code == "PlanningOpened" && n.RecipientId == "probation.south");
        Assert.Contains(_host.Notifier.Sent, n => n.Code == "PlanningOpened" && n.RecipientId == "localauthority.south");
    }

    [Fact]
    public async Task PlanningOpens_AtOnce_WhenLessThanTwelveMonthsRemain()
    {
        await StartAsync(new DateOnly(2026, 9, 1));

        Assert.True(PlanningOpened);
    }

    [Fact]
    public async Task CourtDecision_MovesRelease_AndEveryPendingTimerMovesWithIt()
    {
        await StartAsync(new DateOnly(2027, 3, 5));
        await _host.Host.AdvanceToAsync(new DateTimeOffset(2026, 2, 1, 9, 0, 0, TimeSpan.Zero));

        Assert.Equal(DecisionStatus.Recorded, (await Service.RecordCourtDecisionAsync(_caseId, new DateOnly(2027, 5, 5), "COURT-77", _host.Actor("director.almaty"))).Status);
        await _host.Host.RunUntilIdleAsync();
        Assert.Equal(new DateTimeOffset(2026, 5, 5, 9, 0, 0, TimeSpan.Zero), (await _host.StatusAsync(_instanceId)).NextDeadline);

        await _host.Host.AdvanceToAsync(new DateTimeOffset(2026, 5, 4, 9, 0, 0, TimeSpan.Zero));
        Assert.False(PlanningOpened);
        await _host.Host.AdvanceToAsync(new DateTimeOffset(2026, 5, 5, 9, 0, 0, TimeSpan.Zero));
        Assert.True(PlanningOpened);

        await _host.Host.AdvanceToAsync(new DateTimeOffset(2026, 8, 5, 9, 0, 0, TimeSpan.Zero));
        Assert.Single(await _host.OpenTasksAsync(_caseId, "resettlementNeeds"));
    }

    [Fact]
    public async Task CourtDecision_DuringAStep_MovesTheLaterMilestones()
    {
        await StartAsync(new DateOnly(2027, 3, 5));
        await _host.Host.AdvanceToAsync(new DateTimeOffset(2026, 6, 5, 9, 0, 0, TimeSpan.Zero));
        Assert.NotEmpty(await _host.OpenTasksAsync(_caseId, "resettlementNeeds"));

        await Service.RecordCourtDecisionAsync(_caseId, new DateOnly(2027, 1, 5), "PAROLE-3", _host.Actor("probation.south"));
        await _host.Host.RunUntilIdleAsync();
        await _host.ApproveAllOpenAsync(_caseId);

        Assert.Equal("planningConference", (await _host.StatusAsync(_instanceId)).Step);
        Assert.Equal(new DateTimeOffset(2026, 7, 5, 9, 0, 0, TimeSpan.Zero), (await _host.StatusAsync(_instanceId)).NextDeadline);
    }

    [Fact]
    public async Task HighRisk_PanelDissent_EscalatesToTheCentralLevel()
    {
        await StartAsync(new DateOnly(2026, 9, 1), "High");
        await _host.ApproveAllOpenAsync(_caseId, "High");
        await _host.Host.AdvanceToAsync(new DateTimeOffset(2026, 3, 1, 9, 0, 0, TimeSpan.Zero));
        await _host.ApproveAllOpenAsync(_caseId, "High", t => t.Step != "highRiskPanel");

        var police = Assert.Single(await _host.OpenTasksAsync(_caseId, "highRiskPanel"), t => t.AssigneeId == "police.south");
        await _host.DecideAsync(police.TaskId, "police.south", DecisionKind.Reject, "Contact restrictions too weak.");

        Assert.Equal("centraladmin.central", Assert.Single(await _host.OpenTasksAsync(_caseId, "panelDissentReview")).AssigneeId);
    }

    [Fact]
    public async Task PostRelease_MissedContactLadder_EndsInARecordedBreachProcedure()
    {
        await StartAsync(new DateOnly(2026, 2, 2), "High");
        while (_host.Now < new DateTimeOffset(2026, 2, 2, 9, 0, 0, TimeSpan.Zero))
        {
            await _host.ApproveAllOpenAsync(_caseId, "High");
            await _host.Host.AdvanceAsync(TimeSpan.FromDays(1));
        }

        await _host.ApproveAllOpenAsync(_caseId, "High");
        Assert.Equal("contact", (await _host.StatusAsync(_instanceId)).Step);

        await _host.Host.AdvanceAsync(TimeSpan.FromDays(8));
        var attempt = Assert.Single(await _host.OpenTasksAsync(_caseId, "missedContactAttempt"));
        Assert.Equal(attempt.CreatedAt.AddHours(48), attempt.Due);
        await _host.Host.AdvanceAsync(TimeSpan.FromHours(48));

        Assert.Equal(3, (await _host.OpenTasksAsync(_caseId, "missedContactConference")).Count);
        await _host.DecideAllAsync(_caseId, "probation.south", DecisionKind.Reject, "missedContactConference");

        Assert.Contains(await _host.Cases.ReadSectionsAsync(_caseId), s => s.Name == "breach-1");
        Assert.Contains(_host.Notifier.Sent, n => n.Kind == NotificationKind.DecisionNotice && n.Code == "ConditionsAndRightsBriefing");
    }

    [Fact]
    public void ContactSchedule_HighRisk_IsWeeklyThenFortnightlyThenMonthly()
    {
        var policy = _host.Policies.Resolve(WorkflowNames.PreRelease, "KZ", "almaty");
        var release = new DateTimeOffset(2026, 6, 1, 9, 0, 0, TimeSpan.Zero);

        var times = ContactSchedule.Times(release, policy.Schedule("contacts.high"), policy.Calendar);

        Assert.Equal(release.AddDays(7), times[0]);
        Assert.Equal(release.AddDays(28), times[3]);
        Assert.Equal(release.AddDays(42), times[4]);
        Assert.InRange(times[^1], release.AddMonths(11), release.AddMonths(12));
        Assert.Equal([1, 3, 6, 12], ContactSchedule.Times(release, policy.Schedule("reviews"), policy.Calendar).Select(t => ((t.Year - 2026) * 12) + t.Month - 6));
    }
}
