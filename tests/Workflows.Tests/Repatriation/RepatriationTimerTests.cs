using Workflows.Approvals;
using Workflows.Notifications;
using Workflows.Tests.Support;
using static Workflows.Tests.Support.ExactTime;

namespace Workflows.Tests.Repatriation;

/// <summary>Every repatriation timer on the day the default policy says; the household arrives on Monday 5 January 2026, 9:00.</summary>
public sealed class RepatriationTimerTests : IAsyncLifetime
{
    private readonly DomainHost _host;
    private readonly RepatriationDriver _household;

    public RepatriationTimerTests()
    {
        _host = DomainHost.Create();
        _household = new RepatriationDriver(_host);
    }

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public ValueTask DisposeAsync() => _host.DisposeAsync();

    private bool Sent(NotificationKind kind, string? step, string code, string recipient) =>
        _host.Notifier.Sent.Any(n => n.CaseId == _household.CaseId && n.Kind == kind && (step is null || n.Step == step) && (n.Code == code || code.Length == 0) && n.RecipientId == recipient);

    private async Task ToExitAsync()
    {
        await _household.ArriveAsync();
        await _host.ApproveAllOpenAsync(_household.CaseId);
        await _household.Service.RecordDocumentsRestoredAsync(_household.CaseId, _host.Actor("centredirector.aktau"));
        await _household.AgreeFamilyAsync("c2");
        await _host.ApproveAllOpenAsync(_household.CaseId);
        await _host.Host.AdvanceToAsync(On(2026, 2, 5));
        Assert.NotEmpty(await _host.OpenTasksAsync(_household.CaseId, "centreExit"));
    }

    [Fact]
    public async Task Triage_MedicalScreeningAndChildProtectionHandOver_EscalateToTheCentreDirectorAt24Hours()
    {
        await _household.ArriveAsync();
        Assert.All(await _host.OpenTasksAsync(_household.CaseId, "childProtectionHandover"), t => Assert.Equal(On(2026, 1, 6), t.Due));

        await FiresAtAsync(_host, On(2026, 1, 5, 21), () => Sent(NotificationKind.Reminder, "childProtectionHandover", string.Empty, "childprotection.west"), "hand-over reminder at 12 hours");
        await FiresAtAsync(_host, On(2026, 1, 6), () => Sent(NotificationKind.Escalation, "childProtectionHandover", string.Empty, "centredirector.aktau") && Sent(NotificationKind.Escalation, "medicalScreening", string.Empty, "centredirector.aktau"), "24-hour escalation");
        await FiresAtAsync(_host, On(2026, 1, 7), () => Sent(NotificationKind.Escalation, "childProtectionHandover", string.Empty, "regionalcoord.west"), "48-hour escalation");
    }

    [Fact]
    public async Task Documents_NotRestoredWithin60Days_AlertTheCentreDirector()
    {
        await _household.ArriveAsync();
        await _host.ApproveAllOpenAsync(_household.CaseId);

        await FiresAtAsync(_host, On(2026, 3, 6), () => Sent(NotificationKind.Alert, "adaptationCentre", "DocumentsNotRestored", "centredirector.aktau"), "documents alert");
    }

    [Fact]
    public async Task ChildPlacement_WithoutADecisionAfterThreeMonths_AlertsChildProtection()
    {
        await _household.ArriveAsync();
        await _host.ApproveAllOpenAsync(_household.CaseId);

        await FiresAtAsync(_host, On(2026, 4, 5), () => _host.Notifier.Sent.Any(n => n.Code == "ChildWaitingOverThreeMonths" && n.InstanceId == _household.ChildInstance("c2") && n.RecipientId == "childprotection.west"), "three-month placement alert");
        Assert.DoesNotContain(_host.Notifier.Sent, n => n.Code == "ChildWaitingOverThreeMonths" && n.InstanceId == _household.ChildInstance("c1"));
    }

    [Fact]
    public async Task Consents_RemindedAfter30Days_AndUnansweredAfter60DaysTheChildStaysProvisional()
    {
        await _household.StartAsync();
        await _host.ApproveAllOpenAsync(_household.CaseId, filter: t => t.Step == "identityVerification");
        await _household.ConsentAsync("dna:m1");

        await FiresAtAsync(_host, On(2026, 2, 4), () => Sent(NotificationKind.Reminder, "consents", "ConsentsOutstanding", "consular.central"), "consent reminder");
        await FiresAtAsync(_host, On(2026, 3, 6), async () => await _household.SectionAsync("provisional-c1") is not null, "unanswered consent taken as not given");
        Assert.Equal("ParentConsentNotGiven", (await _household.SectionAsync("provisional-c1"))!.Value.GetProperty("reason").GetString());
        Assert.Single(await _host.OpenTasksAsync(_household.CaseId, "securityPrescreen"));
    }

    /// <summary>Verified, consents given, cleared: the manifest step opens on Monday 5 January 2026, 9:00.</summary>
    private async Task ToManifestAsync()
    {
        await _household.StartAsync();
        await _host.ApproveAllOpenAsync(_household.CaseId, filter: t => t.Step == "identityVerification");
        await _household.ConsentAsync("parent:c1");
        await _household.ConsentAsync("dna:m1");
        await _host.ApproveAllOpenAsync(_household.CaseId, filter: t => t.Step == "securityPrescreen");
        Assert.Equal(On(2026, 1, 5), _host.Now);
    }

    [Fact]
    public async Task ManifestApproval_RemindedOnWorkingDay5_DueOnWorkingDay10_CountedOverTheOrthodoxChristmasHoliday()
    {
        // Wednesday 7 January is a holiday: working day 5 is Tuesday 13 January, working day 10 Tuesday 20 January.
        await ToManifestAsync();

        Assert.Equal(On(2026, 1, 20), Assert.Single(await _host.OpenTasksAsync(_household.CaseId, "manifestApproval")).Due);
        await FiresAtAsync(_host, On(2026, 1, 13), () => Sent(NotificationKind.Reminder, "manifestApproval", string.Empty, "manifest.central"), "manifest reminder on working day 5");
    }

    [Fact]
    public async Task ManifestApproval_ChainExhaustedOnWorkingDay20_ExpiresTheStep_AndTheCaseEndsNotOnManifest()
    {
        // Working day 20 after Monday 5 January, the 7th a holiday: Tuesday 3 February.
        await ToManifestAsync();
        var task = Assert.Single(await _host.OpenTasksAsync(_household.CaseId, "manifestApproval"));

        await FiresAtAsync(_host, On(2026, 2, 3), () => Sent(NotificationKind.Alert, "manifestApproval", "StepExpired", "centraladmin.central"), "manifest expiry on working day 20");
        Assert.Equal(ApprovalTaskStatus.Expired, (await _host.Tasks.GetAsync(task.TaskId))!.Status);
        Assert.Equal("NotOnManifest", await _household.OutcomeAsync());
    }

    [Fact]
    public async Task ExitRefused_TheHouseholdStaysInTheCentre_AndANewExitReviewOpens14DaysLater()
    {
        await ToExitAsync();

        await _host.DecideAllAsync(_household.CaseId, "medical.aktau", DecisionKind.Reject, "centreExit");

        Assert.Equal("exitReview", (await _host.StatusAsync(_household.InstanceId)).Step);
        Assert.Equal("InCentre", (await _host.Cases.GetAsync(_household.CaseId))!.Status);
        Assert.Empty(await _host.OpenTasksAsync(_household.CaseId, "centreExit"));
        await FiresAtAsync(_host, On(2026, 2, 19), async () => (await _host.OpenTasksAsync(_household.CaseId, "centreExit")).Count == 4, "new exit review");
        await _host.ApproveAllOpenAsync(_household.CaseId);
        Assert.Equal("reintegrationReview", (await _host.StatusAsync(_household.InstanceId)).Step);
    }

    [Fact]
    public async Task ReintegrationReview_OpensAfterOneMonth_AndEscalatesToTheRegionalCoordinatorThenTheNationalBody()
    {
        await ToExitAsync();
        await _host.ApproveAllOpenAsync(_household.CaseId);

        await FiresAtAsync(_host, On(2026, 3, 5), async () => (await _host.OpenTasksAsync(_household.CaseId, "reintegrationReview")).Count == 1, "first review");
        await FiresAtAsync(_host, On(2026, 3, 19), () => Sent(NotificationKind.Escalation, "reintegrationReview", string.Empty, "regionalcoord.west"), "escalation to the regional coordinator");
        Assert.False(Sent(NotificationKind.Escalation, "reintegrationReview", string.Empty, "nationalbody.central"));
        await FiresAtAsync(_host, On(2026, 4, 2), () => Sent(NotificationKind.Escalation, "reintegrationReview", string.Empty, "nationalbody.central"), "escalation to the national body");
    }
}
