using Workflows.Approvals;
using Workflows.Audit;
using Workflows.Cases;
using Workflows.Notifications;
using Workflows.PreRelease;
using Workflows.Tests.Support;
using static Workflows.Tests.Support.ExactTime;

namespace Workflows.Tests.PreRelease;

/// <summary>Pre-release planning: milestones relative to R, court decisions moving R and every timer, withdrawal, delegation, the two kinds of aftercare record.</summary>
public sealed class PreReleaseTests : IAsyncLifetime
{
    private readonly DomainHost _host;
    private readonly PreReleaseDriver _plan;

    public PreReleaseTests()
    {
        _host = DomainHost.Create();
        _plan = new PreReleaseDriver(_host);
    }

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public ValueTask DisposeAsync() => _host.DisposeAsync();

    [Fact]
    public async Task Start_InvalidRequest_NamesEachField()
    {
        var result = await _plan.Service.StartPlanningAsync(new PreReleaseRequest { FacilityId = "almaty", ReleaseDate = new DateOnly(2020, 1, 1), RiskLevel = "Extreme" }, _host.Actor(PreReleaseDriver.SocialWorker));

        var errors = result.Errors!.Select(e => (e.Field, e.Code)).ToHashSet();
        Assert.Equal(new HashSet<(string, string)> { ("prisonerId", ErrorCodes.Required), ("releaseDate", ErrorCodes.OutOfRange), ("riskLevel", ErrorCodes.UnknownValue) }, errors);
    }

    [Fact]
    public async Task PlanningOpens_TwelveMonthsBeforeRelease()
    {
        await _plan.StartAsync(new DateOnly(2027, 3, 5));

        await FiresAtAsync(_host, On(2026, 3, 5), () => _plan.PlanningOpened, "planning opens");

        Assert.Contains(_host.Notifier.Sent, n => n.Code == "PlanningOpened" && n.RecipientId == "probation.south");
        Assert.Contains(_host.Notifier.Sent, n => n.Code == "PlanningOpened" && n.RecipientId == "localauthority.south");
    }

    [Fact]
    public async Task PlanningOpens_AtOnce_WhenLessThanTwelveMonthsRemain()
    {
        await _plan.StartAsync(new DateOnly(2026, 9, 1));

        Assert.True(_plan.PlanningOpened);
    }

    [Fact]
    public async Task CourtDecision_MovesRelease_AndEveryPendingTimerMovesWithIt()
    {
        await _plan.StartAsync(new DateOnly(2027, 3, 5));
        await _host.Host.AdvanceToAsync(On(2026, 2, 1));

        await _plan.CourtAsync(new DateOnly(2027, 5, 5), "COURT-77");
        Assert.Equal(On(2026, 5, 5), (await _host.StatusAsync(_plan.InstanceId)).NextDeadline);

        await FiresAtAsync(_host, On(2026, 5, 5), () => _plan.PlanningOpened, "planning opens at the new R − 12 months");
        await FiresAtAsync(_host, On(2026, 8, 5), async () => (await _host.OpenTasksAsync(_plan.CaseId, "resettlementNeeds")).Count == 1, "needs assessment at the new R − 9 months");
    }

    [Fact]
    public async Task CourtDecision_DuringAStep_MovesTheLaterMilestones()
    {
        await _plan.StartAsync(new DateOnly(2027, 3, 5));
        await _host.Host.AdvanceToAsync(On(2026, 6, 5));
        Assert.NotEmpty(await _host.OpenTasksAsync(_plan.CaseId, "resettlementNeeds"));

        await _plan.Service.RecordCourtDecisionAsync(_plan.CaseId, new DateOnly(2027, 1, 5), "PAROLE-3", _host.Actor("probation.south"));
        await _host.Host.RunUntilIdleAsync();
        await _host.ApproveAllOpenAsync(_plan.CaseId);

        Assert.Equal("planningConference", (await _host.StatusAsync(_plan.InstanceId)).Step);
        Assert.Equal(On(2026, 7, 5), (await _host.StatusAsync(_plan.InstanceId)).NextDeadline);
    }

    [Fact]
    public async Task CourtDecision_DuringAStep_MovesThatStepsDeadlineAndReminder()
    {
        // R − 9 months is 5 June 2026: the needs assessment is due 30 days later with a reminder at day 20.
        await _plan.StartAsync(new DateOnly(2027, 3, 5));
        await _host.Host.AdvanceToAsync(On(2026, 6, 5));
        Assert.Equal(On(2026, 7, 5), Assert.Single(await _host.OpenTasksAsync(_plan.CaseId, "resettlementNeeds")).Due);

        // Parole moves R 61 days later: the running step's clock moves with it.
        await _plan.CourtAsync(new DateOnly(2027, 5, 5), "PAROLE-9");

        Assert.Equal(On(2026, 9, 4), Assert.Single(await _host.OpenTasksAsync(_plan.CaseId, "resettlementNeeds")).Due);
        Assert.Equal(On(2026, 9, 4), (await _host.StatusAsync(Assert.Single(await _host.OpenTasksAsync(_plan.CaseId, "resettlementNeeds")).InstanceId)).NextDeadline);
        bool Reminded() => _host.Notifier.Sent.Any(n => n.CaseId == _plan.CaseId && n.Kind == NotificationKind.Reminder && n.Step == "resettlementNeeds");
        await _host.Host.AdvanceToAsync(On(2026, 6, 26));
        Assert.False(Reminded());
        await FiresAtAsync(_host, On(2026, 8, 25), Reminded, "needs-assessment reminder, moved with R");
    }

    [Fact]
    public async Task Withdrawal_DuringTheNeedsAssessment_EndsThePlanning_AndClosesBothSteps()
    {
        await _plan.StartAsync(new DateOnly(2026, 9, 1));
        Assert.NotEmpty(await _host.OpenTasksAsync(_plan.CaseId, "riskReassessment"));

        Assert.Equal(DecisionStatus.NotEntitled, (await _host.Decisions.WithdrawAsync(_plan.CaseId, _host.Actor("director.almaty"))).Status);
        Assert.Equal(DecisionStatus.Recorded, (await _host.Decisions.WithdrawAsync(_plan.CaseId, _host.Actor(PreReleaseDriver.SocialWorker), "Transferred to another country.")).Status);
        await _host.Host.RunUntilIdleAsync();

        Assert.Equal("Withdrawn", (await _host.Host.GetOutputAsync<WorkflowResult>(_plan.InstanceId))!.Outcome);
        Assert.Empty(await _host.OpenTasksOfCaseAsync(_plan.CaseId));
    }

    [Fact]
    public async Task Delegation_TheDirectorDelegatesPlanApproval_TheDeputyApprovesOnTheirBehalf()
    {
        await _plan.StartAsync(new DateOnly(2026, 9, 1));
        await _host.ApproveAllOpenAsync(_plan.CaseId);
        await _host.Host.AdvanceToAsync(On(2026, 3, 1));
        await _host.ApproveAllOpenAsync(_plan.CaseId, filter: t => t.Step == "planningConference");
        await _host.DecideAllAsync(_plan.CaseId, "coordinator.almaty", step: "planApproval");
        var director = Assert.Single(await _host.OpenTasksAsync(_plan.CaseId, "planApproval"));
        Assert.Equal("director.almaty", director.AssigneeId);

        Assert.Equal(DecisionStatus.Recorded, (await _host.Decisions.DelegateAsync(director.TaskId, _host.Actor("director.almaty"), "deputy.almaty", "On mission.")).Status);
        await _host.Host.RunUntilIdleAsync();
        Assert.Equal(DecisionStatus.Recorded, (await _host.DecideAsync(director.TaskId, "deputy.almaty", DecisionKind.Approve)).Status);

        Assert.Equal("probation.south", Assert.Single(await _host.OpenTasksAsync(_plan.CaseId, "planApproval")).AssigneeId);
        Assert.Contains(await _host.Audit.ReadAsync(_plan.CaseId), e => e is { Action: AuditActions.DecisionRecorded, ActorId: "deputy.almaty", OnBehalfOf: "director.almaty" });
    }

    [Fact]
    public async Task Supervision_IsImposedWithLegalBasisAndAuthority_InTheLegalTier()
    {
        await _plan.StartAsync(new DateOnly(2026, 9, 1));

        var invalid = await _plan.Service.RecordSupervisionAsync(_plan.CaseId, [new SupervisionCondition { Condition = "Report weekly." }], _host.Actor("probation.south"));
        Assert.Equal(new HashSet<string> { "conditions[0].legalBasis", "conditions[0].imposingAuthority" }, invalid.Errors!.Select(e => e.Field).ToHashSet());
        Assert.Equal(DecisionStatus.NotEntitled, (await _plan.Service.RecordSupervisionAsync(_plan.CaseId, [Condition()], _host.Actor("probation.north"))).Status);
        Assert.Equal(DecisionStatus.Recorded, (await _plan.Service.RecordSupervisionAsync(_plan.CaseId, [Condition()], _host.Actor("probation.south"))).Status);

        var section = (await _host.Cases.ReadSectionsAsync(_plan.CaseId)).Single(s => s.Name == "legalSupervision");
        Assert.Equal(DataTier.Legal, section.Tier);
        Assert.True(section.Data.GetProperty("imposed").GetBoolean());
        Assert.Equal("Criminal Code art. 72", section.Data.GetProperty("conditions")[0].GetProperty("legalBasis").GetString());
    }

    [Fact]
    public async Task Aftercare_IsAConsentedSeparateRecord_AndARefusalLeavesSupervisionUntouched()
    {
        await _plan.StartAsync(new DateOnly(2026, 9, 1));
        await _plan.Service.RecordSupervisionAsync(_plan.CaseId, [Condition()], _host.Actor("probation.south"));
        var consent = new AftercareConsent { OrganisationId = "cso-bridge", Given = true, Language = "ru", WhatWasExplained = "Mentoring after release; voluntary.", RightToWithdrawExplained = true };

        Assert.Contains((await _plan.Service.RecordAftercareConsentAsync(_plan.CaseId, consent with { RightToWithdrawExplained = false }, _host.Actor(PreReleaseDriver.SocialWorker))).Errors!, e => e.Field == "rightToWithdrawExplained");
        Assert.Equal(DecisionStatus.Recorded, (await _plan.Service.RecordAftercareConsentAsync(_plan.CaseId, consent, _host.Actor(PreReleaseDriver.SocialWorker))).Status);
        var supervision = (await _plan.SectionAsync("legalSupervision"))!.Value.GetRawText();
        Assert.Equal(DecisionStatus.Recorded, (await _plan.Service.RecordAftercareConsentAsync(_plan.CaseId, consent with { Given = false }, _host.Actor(PreReleaseDriver.SocialWorker))).Status);

        var sections = await _host.Cases.ReadSectionsAsync(_plan.CaseId);
        var aftercare = sections.Single(s => s.Name == "csoAftercare");
        Assert.Equal(DataTier.Workflow, aftercare.Tier);
        Assert.Equal(("voluntary", false), (aftercare.Data.GetProperty("kind").GetString(), aftercare.Data.GetProperty("consented").GetBoolean()));
        Assert.Equal(supervision, sections.Single(s => s.Name == "legalSupervision").Data.GetRawText());
        Assert.Contains(await _host.Audit.ReadAsync(_plan.CaseId), e => e.Reason == "AftercareDeclined");
    }

    private static SupervisionCondition Condition() => new() { Condition = "Report to probation weekly.", LegalBasis = "Criminal Code art. 72", ImposingAuthority = "Almaty city court", Duration = "12 months" };
}
