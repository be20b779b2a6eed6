using Workflows.Approvals;
using Workflows.Notifications;
using Workflows.Referrals;
using Workflows.Tests.Support;

namespace Workflows.Tests.Referrals;

/// <summary>
/// The high-risk placement decision (director, then central administration) on the default policy: each
/// stage on its own clock and chain, checked a minute before (nothing yet) and at the time (fired). The
/// virtual clock starts on Monday 5 January 2026, 09:00 UTC, in Almaty (Kazakhstan's calendar: Wednesday
/// 7 January is a holiday); steps before the placement are decided at once.
/// </summary>
public sealed class ReferralHighRiskPlacementTests : IAsyncLifetime
{
    private const string Step = "placementDecisionHighRisk";
    private readonly DomainHost _host = DomainHost.Create();
    private readonly ReferralDriver _referral;

    public ReferralHighRiskPlacementTests() => _referral = new ReferralDriver(_host);

    public async ValueTask InitializeAsync()
    {
        await _referral.SubmitAsync();
        await _referral.ApproveEligibilityAsync();
        await _referral.AssessAsync("High");
        await _referral.ClearSecurityAsync();
        await _referral.ConsentAsync();
        await _referral.CaseConferenceAsync();
    }

    public ValueTask DisposeAsync() => _host.DisposeAsync();

    private static DateTimeOffset January(int day) => new(2026, 1, day, 9, 0, 0, TimeSpan.Zero);

    private Task JustBeforeAsync(DateTimeOffset at) => _host.Host.AdvanceToAsync(at.AddMinutes(-1));

    private bool Reminded(string recipient) =>
        _host.Notifier.Sent.Any(n => n.CaseId == _referral.CaseId && n.Kind == NotificationKind.Reminder && n.RecipientId == recipient && n.Step == Step);

    private async Task<IReadOnlyList<string?>> AssigneesAsync() => (await _host.OpenTasksAsync(_referral.CaseId, Step)).Select(t => t.AssigneeId).Order().ToList();

    [Fact]
    public async Task DirectorsStage_RemindsOnWorkingDay3_GoesToTheDeputyOnDay5_ThenToCentralAdministrationOnDay10()
    {
        // Working days: Tue 6, (Wed 7 holiday), Thu 8, Fri 9, (weekend), Mon 12, Tue 13, ..., Tue 20.
        Assert.Equal(January(13), Assert.Single(await _host.OpenTasksAsync(_referral.CaseId, Step)).Due);
        await JustBeforeAsync(January(9));
        Assert.False(Reminded("director.almaty"));
        await _host.Host.AdvanceToAsync(January(9));
        Assert.True(Reminded("director.almaty"));

        await JustBeforeAsync(January(13));
        Assert.Equal(["director.almaty"], await AssigneesAsync());
        await _host.Host.AdvanceToAsync(January(13));
        Assert.Equal(["deputy.almaty"], await AssigneesAsync());

        await JustBeforeAsync(January(20));
        Assert.Equal(["deputy.almaty"], await AssigneesAsync());
        await _host.Host.AdvanceToAsync(January(20));
        Assert.Equal(["centraladmin.central"], await AssigneesAsync());
    }

    [Fact]
    public async Task CentralStage_RunsItsOwnCentralChain_FromWhenTheDirectorApproved_NeverGoingToTheDeputy()
    {
        await _host.Host.AdvanceToAsync(January(12));
        await _referral.PlaceAsync();

        // From Monday 12 January: 5 working days is Mon 19, 7 is Wed 21, 10 is Mon 26.
        Assert.Equal(January(26), Assert.Single(await _host.OpenTasksAsync(_referral.CaseId, Step)).Due);
        await _host.Host.AdvanceToAsync(January(19));
        Assert.Equal(["centraladmin.central"], await AssigneesAsync());

        await JustBeforeAsync(January(21));
        Assert.False(Reminded("centraladmin.central"));
        await _host.Host.AdvanceToAsync(January(21));
        Assert.True(Reminded("centraladmin.central"));

        await JustBeforeAsync(January(26));
        Assert.Equal(["centraladmin.central"], await AssigneesAsync());
        await _host.Host.AdvanceToAsync(January(26));
        Assert.Equal(["centraladmin.central", "headcentral.central"], await AssigneesAsync());

        Assert.DoesNotContain(await _host.Tasks.ListByCaseAsync(_referral.CaseId), t => t.AssigneeId == "deputy.almaty");
        await _host.DecideOpenAsync(_referral.CaseId, "headcentral.central", DecisionKind.Approve);
        Assert.Equal("waitingList", await _referral.StepAsync());
    }

    [Fact]
    public async Task CentralStage_UnansweredFor20WorkingDays_Lapses_AndTellsTheHeadOfCentralAdministration()
    {
        await _referral.PlaceAsync();

        // Twenty working days from Monday 5 January (7 January a holiday): Tuesday 3 February.
        var end = new DateTimeOffset(2026, 2, 3, 9, 0, 0, TimeSpan.Zero);
        await JustBeforeAsync(end);
        Assert.Equal(Step, await _referral.StepAsync());
        await _host.Host.AdvanceToAsync(end);

        Assert.Equal(ReferralOutcomes.Lapsed, await _referral.OutcomeAsync());
        Assert.Contains(_host.Notifier.Sent, n => n.CaseId == _referral.CaseId && n.Kind == NotificationKind.Alert && n.Code == "StepExpired" && n.RecipientId == "headcentral.central");
        Assert.Empty(await _host.OpenTasksOfCaseAsync(_referral.CaseId));
    }
}
