using Workflows.Approvals;
using Workflows.Notifications;
using Workflows.Tests.Support;
using static Workflows.Tests.Support.ExactTime;

namespace Workflows.Tests.PreRelease;

/// <summary>
/// The plan (R − 6 months): conference, sequential approval, the high-risk panel, and what a rejection
/// does. Release on Tuesday 1 September 2026, so the conference opens on Sunday 1 March 2026 at 9:00.
/// </summary>
public sealed class PlanApprovalTests : IAsyncLifetime
{
    private readonly DomainHost _host;
    private readonly PreReleaseDriver _plan;

    public PlanApprovalTests()
    {
        _host = DomainHost.Create();
        _plan = new PreReleaseDriver(_host);
    }

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public ValueTask DisposeAsync() => _host.DisposeAsync();

    private async Task ToPlanApprovalAsync(string risk = "Medium")
    {
        await _plan.StartAsync(new DateOnly(2026, 9, 1), risk);
        await _host.ApproveAllOpenAsync(_plan.CaseId, risk);
        await _host.Host.AdvanceToAsync(On(2026, 3, 1));
        await _host.ApproveAllOpenAsync(_plan.CaseId, risk, t => t.Step == "planningConference");
        Assert.Equal("coordinator.almaty", Assert.Single(await _host.OpenTasksAsync(_plan.CaseId, "planApproval")).AssigneeId);
    }

    private async Task RejectAtTheDirectorAsync()
    {
        await _host.DecideAllAsync(_plan.CaseId, "coordinator.almaty", step: "planApproval");
        await _host.DecideAllAsync(_plan.CaseId, "director.almaty", DecisionKind.Reject, "planApproval");
    }

    [Fact]
    public async Task PlanApproval_RemindsOnWorkingDay5_AndEscalatesToCentralAdministrationOnWorkingDay10()
    {
        await ToPlanApprovalAsync();
        Assert.Equal(On(2026, 3, 16), Assert.Single(await _host.OpenTasksAsync(_plan.CaseId, "planApproval")).Due);

        await FiresAtAsync(_host, On(2026, 3, 6), () => _host.Notifier.Sent.Any(n => n.Kind == NotificationKind.Reminder && n.Step == "planApproval" && n.RecipientId == "coordinator.almaty"), "plan approval reminder");
        await FiresAtAsync(_host, On(2026, 3, 16), () => _host.Notifier.Sent.Any(n => n.Kind == NotificationKind.Escalation && n.Step == "planApproval" && n.RecipientId == "centraladmin.central"), "plan approval escalation (9 March is a holiday)");
    }

    [Fact]
    public async Task PlanApproval_Rejected_TheConferenceMeetsAgainWithANewDeadline()
    {
        await ToPlanApprovalAsync();
        await _host.Host.AdvanceToAsync(On(2026, 3, 4));

        await RejectAtTheDirectorAsync();

        var conference = await _host.OpenTasksAsync(_plan.CaseId, "planningConference");
        Assert.Equal(3, conference.Count);
        Assert.All(conference, t => Assert.Equal(On(2026, 3, 18), t.Due));
        Assert.Contains(_host.Notifier.Sent, n => n.Code == "PlanReturnedForReplanning" && n.RecipientId == PreReleaseDriver.SocialWorker && n.Due == On(2026, 3, 18));
        Assert.Equal("Rejected", (await _plan.SectionAsync("planRound-1"))!.Value.GetProperty("result").GetString());
        Assert.Null(await _plan.SectionAsync("releasePlan"));
    }

    [Fact]
    public async Task PlanApproval_RejectedASecondTime_TheCentralLevelDecides()
    {
        await ToPlanApprovalAsync();
        await RejectAtTheDirectorAsync();
        await _host.ApproveAllOpenAsync(_plan.CaseId, filter: t => t.Step == "planningConference");

        await RejectAtTheDirectorAsync();

        Assert.Equal("centraladmin.central", Assert.Single(await _host.OpenTasksAsync(_plan.CaseId, "planCentralReview")).AssigneeId);
        await _host.DecideAllAsync(_plan.CaseId, "centraladmin.central", step: "planCentralReview");
        var plan = (await _plan.SectionAsync("releasePlan"))!.Value;
        Assert.Equal((true, 2), (plan.GetProperty("approved").GetBoolean(), plan.GetProperty("rounds").GetInt32()));
        Assert.Equal("housingConfirmation", (await _host.StatusAsync(_plan.InstanceId)).Step);
    }

    [Fact]
    public async Task HighRisk_PanelDissent_EscalatesToTheCentralLevel_WhichMayApprove()
    {
        await ToPlanApprovalAsync("High");
        await _host.ApproveAllOpenAsync(_plan.CaseId, "High", t => t.Step == "planApproval");
        await _host.ApproveAllOpenAsync(_plan.CaseId, "High", t => t.Step == "highRiskPanel" && t.AssigneeId != "police.south");

        var police = Assert.Single(await _host.OpenTasksAsync(_plan.CaseId, "highRiskPanel"));
        await _host.DecideAsync(police.TaskId, "police.south", DecisionKind.Reject, "Contact restrictions too weak.");
        Assert.Equal("centraladmin.central", Assert.Single(await _host.OpenTasksAsync(_plan.CaseId, "panelDissentReview")).AssigneeId);
        await _host.DecideAllAsync(_plan.CaseId, "centraladmin.central", step: "panelDissentReview");

        Assert.True((await _plan.SectionAsync("releasePlan"))!.Value.GetProperty("approved").GetBoolean());
    }

    [Fact]
    public async Task HighRisk_TheCentralLevelUpholdsTheDissent_ThePlanIsPlannedAgain()
    {
        await ToPlanApprovalAsync("High");
        await _host.ApproveAllOpenAsync(_plan.CaseId, "High", t => t.Step == "planApproval");
        await _host.ApproveAllOpenAsync(_plan.CaseId, "High", t => t.Step == "highRiskPanel" && t.AssigneeId != "police.south");
        await _host.DecideAllAsync(_plan.CaseId, "police.south", DecisionKind.Reject, "highRiskPanel");

        await _host.DecideAllAsync(_plan.CaseId, "centraladmin.central", DecisionKind.Reject, "panelDissentReview");

        Assert.Equal(3, (await _host.OpenTasksAsync(_plan.CaseId, "planningConference")).Count);
        Assert.Equal("panelDissentReview", (await _plan.SectionAsync("planRound-1"))!.Value.GetProperty("step").GetString());
    }

    [Fact]
    public async Task NoPlanApproved_WithLessThanAMonthToRelease_AlertsTheCentralLevel_AndPreparationGoesOn()
    {
        await _plan.StartAsync(new DateOnly(2026, 2, 1));
        await _host.ApproveAllOpenAsync(_plan.CaseId, filter: t => t.Step != "planApproval");

        await RejectAtTheDirectorAsync();

        Assert.Contains(_host.Notifier.Sent, n => n.Code == "PlanNotApprovedBeforeRelease" && n.RecipientId == "centraladmin.central");
        Assert.False((await _plan.SectionAsync("releasePlan"))!.Value.GetProperty("approved").GetBoolean());
        Assert.Single(await _host.OpenTasksAsync(_plan.CaseId, "housingWorkConfirmation"));
    }
}
