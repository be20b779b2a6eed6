using Workflows.Approvals;
using Workflows.CsoAccess;
using Workflows.Notifications;
using Workflows.Tests.Support;
using static Workflows.Tests.Support.ExactTime;

namespace Workflows.Tests.CsoAccess;

/// <summary>
/// Every CSO timer on the day the default policy says, with the Kazakh calendar of the Almaty prison
/// (7 January is a holiday). The host starts on Monday 5 January 2026, 9:00.
/// </summary>
public sealed class CsoTimerTests : IAsyncLifetime
{
    private readonly DomainHost _host;
    private readonly CsoDriver _cso;

    public CsoTimerTests()
    {
        _host = DomainHost.Create();
        _cso = new CsoDriver(_host);
    }

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public ValueTask DisposeAsync() => _host.DisposeAsync();

    private int Sent(NotificationKind kind, string step, string? recipient = null) =>
        _host.Notifier.Sent.Count(n => n.CaseId == _cso.CaseId && n.Kind == kind && n.Step == step && (recipient is null || n.RecipientId == recipient));

    [Fact]
    public async Task CompletenessCheck_RemindsOnWorkingDay3_AndEscalatesOnWorkingDay5_SkippingTheHolidayAndTheWeekend()
    {
        await _cso.ApplyAsync();
        Assert.Equal(On(2026, 1, 13), Assert.Single(await _host.OpenTasksAsync(_cso.CaseId, "completenessCheck")).Due);

        await FiresAtAsync(_host, On(2026, 1, 9), () => Sent(NotificationKind.Reminder, "completenessCheck", "partnerships.central") == 1, "completeness reminder");
        await FiresAtAsync(_host, On(2026, 1, 13), () => Sent(NotificationKind.Escalation, "completenessCheck", "headcentral.central") == 1, "completeness escalation");
    }

    [Fact]
    public async Task ParallelReviews_RemindAtDays15And25_ReassignToTheReviewersHeadAtDay30_AndAddTheInterAgencyChairAtDay40()
    {
        await _cso.ApplyAsync();
        await _cso.CompleteAsync();
        Assert.All(await _host.OpenTasksAsync(_cso.CaseId, "parallelReviews"), t => Assert.Equal(On(2026, 2, 4), t.Due));

        await FiresAtAsync(_host, On(2026, 1, 20), () => Sent(NotificationKind.Reminder, "parallelReviews") == 4, "first review reminder");
        await FiresAtAsync(_host, On(2026, 1, 30), () => Sent(NotificationKind.Reminder, "parallelReviews") == 8, "second review reminder");
        await FiresAtAsync(
            _host,
            On(2026, 2, 4),
            async () => (await _host.OpenTasksAsync(_cso.CaseId, "parallelReviews")).All(t => t.AssigneeId == "headcentral.central"),
            "reassignment to the reviewers' head");
        await FiresAtAsync(
            _host,
            On(2026, 2, 14),
            async () => (await _host.OpenTasksAsync(_cso.CaseId, "parallelReviews")).Any(t => t.AssigneeId == "interagency.central"),
            "the inter-agency chair added");
    }

    [Fact]
    public async Task StaffVetting_RemindsAtDay15_LikeTheReviews()
    {
        await _cso.ApplyAsync();
        await _cso.CompleteAsync();

        await FiresAtAsync(_host, On(2026, 1, 20), () => Sent(NotificationKind.Reminder, "staffVetting", "natsec.central") == 2, "staff vetting reminders");
    }

    [Fact]
    public async Task FinalDecision_RemindsOnWorkingDay7_AndEscalatesToCentralAdministrationOnWorkingDay10()
    {
        await _cso.ApplyAsync();
        await _cso.ReviewAllAsync();
        Assert.Equal(On(2026, 1, 20), Assert.Single(await _host.OpenTasksAsync(_cso.CaseId, "finalDecision")).Due);

        await FiresAtAsync(_host, On(2026, 1, 15), () => Sent(NotificationKind.Reminder, "finalDecision", "headcentral.central") == 1, "final decision reminder");
        await FiresAtAsync(_host, On(2026, 1, 20), () => Sent(NotificationKind.Escalation, "finalDecision", "centraladmin.central") == 1, "final decision escalation");
    }

    [Fact]
    public async Task Permit_RemindsSixtyAndThirtyDaysBeforeExpiry_AndEndsAtExpiry()
    {
        await _cso.GrantAsync();
        Assert.Equal(On(2027, 1, 5), (await _cso.PermitAsync()).ValidUntil);
        int Reminders() => _host.Notifier.Sent.Count(n => n.CaseId == _cso.CaseId && n.Code == "RenewalReminder" && n.RecipientId == CsoDriver.FocalPoint);

        await FiresAtAsync(_host, On(2026, 11, 6), () => Reminders() == 1, "reminder 60 days before expiry");
        Assert.Contains(_host.Notifier.Sent, n => n.Code == "RenewalReminder" && n.RecipientId == "partnerships.central");
        await FiresAtAsync(_host, On(2026, 12, 6), () => Reminders() == 2, "reminder 30 days before expiry");
        await FiresAtAsync(_host, On(2027, 1, 5), async () => await _cso.OutcomeAsync() == CsoOutcomes.PermitExpired, "expiry");
        Assert.Equal(CsoOutcomes.PermitExpired, await _cso.StatusAsync());
    }

    [Fact]
    public async Task Suspension_RemindsCentralAdministrationAtDay4_AndIsLiftedUnconfirmedAtDay7()
    {
        await _cso.GrantAsync();
        await _cso.SuspendAsync();
        Assert.Equal(CsoOutcomes.Suspended, await _cso.StatusAsync());

        await FiresAtAsync(_host, On(2026, 1, 9), () => Sent(NotificationKind.Reminder, "suspensionConfirmation", "centraladmin.central") == 1, "confirmation reminder");
        await FiresAtAsync(_host, On(2026, 1, 12), async () => await _cso.StatusAsync() == CsoOutcomes.PermitActive, "the unconfirmed suspension lifted");
        Assert.Contains(_host.Notifier.Sent, n => n.Code == "SuspensionLifted" && n.RecipientId == CsoDriver.FocalPoint);
        Assert.Equal(ApprovalTaskStatus.Expired, (await _host.Tasks.ListByCaseAsync(_cso.CaseId)).Single(t => t.Step == "suspensionConfirmation").Status);
    }

    [Fact]
    public async Task Suspension_FinalDecisionIsDueThirtyDaysAfterTheSuspension_NotAfterTheConfirmation()
    {
        await _cso.GrantAsync();
        await _cso.SuspendAsync();
        await _host.Host.AdvanceToAsync(On(2026, 1, 8));
        await _host.DecideAllAsync(_cso.CaseId, "centraladmin.central");
        Assert.Contains(_host.Notifier.Sent, n => n.Code == "SuspensionConfirmedResponseInvited" && n.RecipientId == CsoDriver.FocalPoint && n.Due == On(2026, 1, 22));

        await FiresAtAsync(_host, On(2026, 1, 22), async () => (await _host.OpenTasksAsync(_cso.CaseId, "suspensionFinal")).Count == 1, "final decision opened when the response window closes");
        Assert.Equal(On(2026, 2, 4), Assert.Single(await _host.OpenTasksAsync(_cso.CaseId, "suspensionFinal")).Due);
    }
}
