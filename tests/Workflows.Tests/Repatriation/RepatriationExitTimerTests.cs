using Workflows.Notifications;
using Workflows.Tests.Support;
using static Workflows.Tests.Support.ExactTime;

namespace Workflows.Tests.Repatriation;

/// <summary>
/// The centre exit's working-day timers over the Nauryz holidays (23 and 24 March 2026): the household
/// arrives on Friday 20 February 2026, 9:00, and the exit opens a month later, on Friday 20 March.
/// </summary>
public sealed class RepatriationExitTimerTests : IAsyncLifetime
{
    private readonly DomainHost _host;
    private readonly RepatriationDriver _household;

    public RepatriationExitTimerTests()
    {
        _host = DomainHost.Create(start: On(2026, 2, 20));
        _household = new RepatriationDriver(_host);
    }

    public async ValueTask InitializeAsync()
    {
        await _household.ArriveAsync();
        await _host.ApproveAllOpenAsync(_household.CaseId);
        await _household.Service.RecordDocumentsRestoredAsync(_household.CaseId, _host.Actor("centredirector.aktau"));
        await _household.AgreeFamilyAsync("c2");
        await _host.ApproveAllOpenAsync(_household.CaseId);
        await _host.Host.AdvanceToAsync(On(2026, 3, 20));
        Assert.Equal(4, (await _host.OpenTasksAsync(_household.CaseId, "centreExit")).Count);
    }

    public ValueTask DisposeAsync() => _host.DisposeAsync();

    private bool Sent(NotificationKind kind, string code, string recipient) =>
        _host.Notifier.Sent.Any(n => n.CaseId == _household.CaseId && n.Kind == kind && n.Step == "centreExit" && (code.Length == 0 || n.Code == code) && n.RecipientId == recipient);

    [Fact]
    public async Task CentreExit_RemindedOnWorkingDay5_DueOnWorkingDay10_CountedOverNauryz()
    {
        // Working day 5 after Friday 20 March, the 23rd and 24th holidays: Tuesday 31 March; working day 10: Tuesday 7 April.
        Assert.All(await _host.OpenTasksAsync(_household.CaseId, "centreExit"), t => Assert.Equal(On(2026, 4, 7), t.Due));

        await FiresAtAsync(_host, On(2026, 3, 31), () => Sent(NotificationKind.Reminder, string.Empty, "centredirector.aktau"), "exit reminder on working day 5");
    }

    [Fact]
    public async Task CentreExit_ChainExhaustedOnWorkingDay20_Expires_AndTheHouseholdStaysForANewReview()
    {
        // Working day 20 after Friday 20 March over Nauryz: Tuesday 21 April.
        await FiresAtAsync(_host, On(2026, 4, 21), () => Sent(NotificationKind.Alert, "StepExpired", "regionalcoord.west"), "exit expiry on working day 20");

        Assert.Equal("exitReview", (await _host.StatusAsync(_household.InstanceId)).Step);
        Assert.Empty(await _host.OpenTasksAsync(_household.CaseId, "centreExit"));
    }
}
