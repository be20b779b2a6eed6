using Workflows.Approvals;
using Workflows.Notifications;
using Workflows.Policies;
using Workflows.Tests.Support;
using static Workflows.Tests.Support.Approvals;

namespace Workflows.Tests.Approvals;

public sealed class MultiApproverTests : IAsyncLifetime
{
    private readonly DomainHost _host = DomainHost.Create();

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public ValueTask DisposeAsync() => _host.DisposeAsync();

    private static readonly Dictionary<string, IReadOnlyList<string>> RiskLevels = new() { ["riskLevel"] = ["Low", "Medium", "High"] };

    private static Dictionary<string, string> Level(string level) => new() { ["riskLevel"] = level };

    private static StepPolicy Quorum2() => new()
    {
        Mode = ApprovalMode.Quorum,
        Quorum = 2,
        Approvers = [new ApproverRule(Roles.RiskAssessor, Each: true)],
        Deadline = Duration.Days(30),
        TieBreaker = new ApproverRule(Roles.SeniorPsychologist, ScopeLevel.Region),
        Escalations = [new EscalationLevel { At = Duration.Days(30), Action = EscalationAction.AddApprover, Role = Roles.PrisonDirector }],
    };

    [Fact]
    public async Task Quorum_TwoAssessorsAgree_Approves()
    {
        var (id, caseId) = await StartAsync(_host, Quorum2());
        Assert.Equal(3, (await _host.OpenTasksOfCaseAsync(caseId)).Count);

        await _host.DecideOpenAsync(caseId, "assessor1.almaty", DecisionKind.Approve);
        await _host.AssertRunningAsync(id);
        await _host.DecideOpenAsync(caseId, "assessor2.almaty", DecisionKind.Approve);

        Assert.Equal(ApprovalResult.Approved, (await OutcomeAsync(_host, id)).Result);
        Assert.Empty(await _host.OpenTasksOfCaseAsync(caseId));
    }

    [Fact]
    public async Task Quorum_Disagreement_GoesToTheSeniorPsychologistWhoDecides()
    {
        var policy = Quorum2();
        var (id, caseId) = await StartAsync(_host, policy, named: ["assessor1.almaty", "assessor2.almaty"]);

        await _host.DecideOpenAsync(caseId, "assessor1.almaty", DecisionKind.Approve);
        await _host.DecideOpenAsync(caseId, "assessor2.almaty", DecisionKind.Reject, "High risk of violence.", ["violent-incident"]);

        var tieBreak = Assert.Single(await _host.OpenTasksOfCaseAsync(caseId));
        Assert.Equal("seniorpsych.south", tieBreak.AssigneeId);
        await _host.DecideOpenAsync(caseId, "seniorpsych.south", DecisionKind.Approve);

        Assert.Equal(ApprovalResult.Approved, (await OutcomeAsync(_host, id)).Result);
    }

    [Fact]
    public async Task Quorum_Overdue_AddsTheDirectorAsOneVote_AndTheirApprovalAloneSettlesNothing()
    {
        var (id, caseId) = await StartAsync(_host, Quorum2());

        await _host.Host.AdvanceAsync(TimeSpan.FromDays(30));

        Assert.Contains(_host.Notifier.Sent, n => n.Kind == NotificationKind.NewTask && n.RecipientId == "director.almaty");
        await _host.DecideOpenAsync(caseId, "director.almaty", DecisionKind.Approve);
        await _host.AssertRunningAsync(id);
        Assert.Equal(3, (await _host.OpenTasksOfCaseAsync(caseId)).Count);
    }

    [Fact]
    public async Task Quorum_Overdue_TheDirectorAndOneAssessorAgreeing_MakeTheQuorum()
    {
        var (id, caseId) = await StartAsync(_host, Quorum2());
        await _host.DecideOpenAsync(caseId, "assessor1.almaty", DecisionKind.Approve);

        await _host.Host.AdvanceAsync(TimeSpan.FromDays(30));
        await _host.DecideOpenAsync(caseId, "director.almaty", DecisionKind.Approve);

        var outcome = await OutcomeAsync(_host, id);
        Assert.Equal(ApprovalResult.Approved, outcome.Result);
        Assert.Equal(["assessor1.almaty", "director.almaty"], outcome.DeciderIds);
    }

    [Fact]
    public async Task Quorum_APersonHoldingTwoTasksOfTheStep_CastsOneVote()
    {
        var (id, caseId) = await StartAsync(_host, Quorum2(), named: ["director.almaty", "assessor1.almaty"]);
        await _host.DecideOpenAsync(caseId, "director.almaty", DecisionKind.Approve);

        await _host.Host.AdvanceAsync(TimeSpan.FromDays(30));
        var second = Assert.Single(await _host.OpenTasksOfCaseAsync(caseId), t => t.AssigneeId == "director.almaty");
        var result = await _host.DecideAsync(second.TaskId, "director.almaty", DecisionKind.Approve);

        Assert.Equal(DecisionStatus.NotEntitled, result.Status);
        await _host.AssertRunningAsync(id);
        await _host.DecideOpenAsync(caseId, "assessor1.almaty", DecisionKind.Approve);
        Assert.Equal(["director.almaty", "assessor1.almaty"], (await OutcomeAsync(_host, id)).DeciderIds);
    }

    [Fact]
    public async Task All_FirstRejectionEndsIt_AndCancelsTheOthers()
    {
        var policy = new StepPolicy { Mode = ApprovalMode.All, Approvers = [new ApproverRule(Roles.ProgrammeCoordinator), new ApproverRule(Roles.Psychologist), new ApproverRule(Roles.SocialWorker)] };
        var (id, caseId) = await StartAsync(_host, policy);

        await _host.DecideOpenAsync(caseId, "coordinator.almaty", DecisionKind.Approve);
        await _host.DecideOpenAsync(caseId, "psychologist.almaty", DecisionKind.Reject, "Not ready.");

        Assert.Equal(ApprovalResult.Rejected, (await OutcomeAsync(_host, id)).Result);
        var social = Assert.Single(await _host.Tasks.ListByCaseAsync(caseId), t => t.AssigneeId == "socialworker.almaty");
        Assert.Equal(ApprovalTaskStatus.Cancelled, social.Status);
    }

    [Fact]
    public async Task Veto_BySecurity_EndsTheStepAndNeedsAReasonCode()
    {
        var policy = new StepPolicy { Mode = ApprovalMode.All, Approvers = [new ApproverRule(Roles.ProgrammeCoordinator), new ApproverRule(Roles.SecurityOfficer)], VetoRoles = [Roles.SecurityOfficer] };
        var (id, caseId) = await StartAsync(_host, policy);
        var security = Assert.Single(await _host.OpenTasksOfCaseAsync(caseId), t => t.AssigneeId == "security.almaty");
        var coordinator = Assert.Single(await _host.OpenTasksOfCaseAsync(caseId), t => t.AssigneeId == "coordinator.almaty");

        Assert.Equal(DecisionStatus.Invalid, (await _host.DecideAsync(coordinator.TaskId, "coordinator.almaty", DecisionKind.Veto, "no")).Status);
        var noCode = await _host.DecideAsync(security.TaskId, "security.almaty", DecisionKind.Veto, "Active recruitment.");
        Assert.Contains(noCode.Errors!, e => e is { Field: "reasonCodes", Code: ErrorCodes.Required });

        await _host.DecideAsync(security.TaskId, "security.almaty", DecisionKind.Veto, "Active recruitment.", ["security-concern"]);

        Assert.Equal(ApprovalResult.Vetoed, (await OutcomeAsync(_host, id)).Result);
    }

    [Fact]
    public async Task RejectionByAVetoRole_ActsAsAVeto_SoItNeedsReasonCodesAndAComment()
    {
        var policy = new StepPolicy { Mode = ApprovalMode.All, Approvers = [new ApproverRule(Roles.ProgrammeCoordinator), new ApproverRule(Roles.SecurityOfficer)], VetoRoles = [Roles.SecurityOfficer] };
        var (id, caseId) = await StartAsync(_host, policy);
        var security = Assert.Single(await _host.OpenTasksOfCaseAsync(caseId), t => t.AssigneeId == "security.almaty");

        var noCode = await _host.DecideAsync(security.TaskId, "security.almaty", DecisionKind.Reject, "Active recruitment.");
        var noComment = await _host.DecideAsync(security.TaskId, "security.almaty", DecisionKind.Reject, null, ["security-concern"]);

        Assert.Equal(DecisionStatus.Invalid, noCode.Status);
        Assert.Contains(noCode.Errors!, e => e is { Field: "reasonCodes", Code: ErrorCodes.Required });
        Assert.Contains(noComment.Errors!, e => e is { Field: "comment", Code: ErrorCodes.Required });
        Assert.True((await _host.Tasks.GetAsync(security.TaskId))!.IsOpen);

        await _host.DecideAsync(security.TaskId, "security.almaty", DecisionKind.Reject, "Active recruitment.", ["security-concern"]);

        var outcome = await OutcomeAsync(_host, id);
        Assert.Equal(ApprovalResult.Vetoed, outcome.Result);
        Assert.Equal(["security-concern"], Assert.Single(outcome.Decisions).ReasonCodes);
    }

    [Fact]
    public async Task RejectionByAnApproverWithoutVeto_NeedsACommentButNoReasonCode()
    {
        var policy = new StepPolicy { Mode = ApprovalMode.All, Approvers = [new ApproverRule(Roles.ProgrammeCoordinator), new ApproverRule(Roles.SecurityOfficer)], VetoRoles = [Roles.SecurityOfficer] };
        var (id, caseId) = await StartAsync(_host, policy);
        var coordinator = Assert.Single(await _host.OpenTasksOfCaseAsync(caseId), t => t.AssigneeId == "coordinator.almaty");

        Assert.Contains((await _host.DecideAsync(coordinator.TaskId, "coordinator.almaty", DecisionKind.Reject)).Errors!, e => e is { Field: "comment", Code: ErrorCodes.Required });
        Assert.Equal(DecisionStatus.Recorded, (await _host.DecideAsync(coordinator.TaskId, "coordinator.almaty", DecisionKind.Reject, "The plan has no education component.")).Status);

        Assert.Equal(ApprovalResult.Rejected, (await OutcomeAsync(_host, id)).Result);
    }

    [Fact]
    public async Task Sequential_OpensTheNextStageOnlyAfterApproval_WithItsOwnClock()
    {
        var policy = new StepPolicy
        {
            Mode = ApprovalMode.Sequential,
            Approvers = [new ApproverRule(Roles.PrisonDirector), new ApproverRule(Roles.CentralAdministration, ScopeLevel.Central)],
            Deadline = Duration.WorkingDays(5),
            Reminders = [Duration.WorkingDays(3)],
        };
        var (id, caseId) = await StartAsync(_host, policy);
        Assert.Equal("director.almaty", Assert.Single(await _host.OpenTasksOfCaseAsync(caseId)).AssigneeId);

        await _host.Host.AdvanceAsync(TimeSpan.FromDays(1));
        await _host.DecideOpenAsync(caseId, "director.almaty", DecisionKind.Approve);
        var central = Assert.Single(await _host.OpenTasksOfCaseAsync(caseId));
        Assert.Equal(("centraladmin.central", _host.Now.AddDays(7)), (central.AssigneeId, central.Due));

        await _host.DecideOpenAsync(caseId, "centraladmin.central", DecisionKind.Approve);
        Assert.Equal(ApprovalResult.Approved, (await OutcomeAsync(_host, id)).Result);
    }

    [Fact]
    public async Task ApproveWithConditions_WhereAllowed_CarriesTheConditions()
    {
        var policy = OneCoordinator() with { AllowConditions = true };
        var (id, caseId) = await StartAsync(_host, policy);
        var task = Assert.Single(await _host.OpenTasksOfCaseAsync(caseId));

        Assert.Equal(DecisionStatus.Invalid, (await _host.DecideAsync(task.TaskId, "coordinator.almaty", DecisionKind.ApproveWithConditions)).Status);
        await _host.DecideAsync(task.TaskId, "coordinator.almaty", DecisionKind.ApproveWithConditions, conditions: ["Escorted visits only (prison rules art. 12)"]);

        var outcome = await OutcomeAsync(_host, id);
        Assert.True(outcome.WithConditions);
        Assert.Equal(["Escorted visits only (prison rules art. 12)"], (await _host.Tasks.GetAsync(task.TaskId))!.Conditions);
    }

    [Fact]
    public async Task RequiredAttribute_MissingOnApproval_IsInvalid()
    {
        var policy = OneCoordinator() with { RequiredAttributes = ["riskLevel"] };
        var (id, caseId) = await StartAsync(_host, policy);
        var task = Assert.Single(await _host.OpenTasksOfCaseAsync(caseId));

        var missing = await _host.DecideAsync(task.TaskId, "coordinator.almaty", DecisionKind.Approve);
        Assert.Contains(missing.Errors!, e => e is { Field: "attributes.riskLevel", Code: ErrorCodes.Required });
        await _host.DecideAsync(task.TaskId, "coordinator.almaty", DecisionKind.Approve, attributes: new Dictionary<string, string> { ["riskLevel"] = "High" });

        Assert.Equal("High", (await OutcomeAsync(_host, id)).Attributes["riskLevel"]);
    }

    [Theory]
    [InlineData("high")]
    [InlineData("Severe")]
    public async Task RequiredAttribute_OutsideThePolicysValues_IsInvalidNamingTheField(string level)
    {
        var policy = OneCoordinator() with { RequiredAttributes = ["riskLevel"], AttributeValues = RiskLevels };
        var (id, caseId) = await StartAsync(_host, policy);
        var task = Assert.Single(await _host.OpenTasksOfCaseAsync(caseId));

        var result = await _host.DecideAsync(task.TaskId, "coordinator.almaty", DecisionKind.Approve, attributes: Level(level));

        Assert.Equal(DecisionStatus.Invalid, result.Status);
        Assert.Contains(result.Errors!, e => e is { Field: "attributes.riskLevel", Code: ErrorCodes.UnknownValue });
        Assert.True((await _host.Tasks.GetAsync(task.TaskId))!.IsOpen);
        await _host.AssertRunningAsync(id);
    }

    [Fact]
    public async Task Quorum_AssessorsApprovingWithDifferentRiskLevels_DisagreeAndTheTieBreakersLevelStands()
    {
        var policy = Quorum2() with { RequiredAttributes = ["riskLevel"], AttributeValues = RiskLevels };
        var (id, caseId) = await StartAsync(_host, policy, named: ["assessor1.almaty", "assessor2.almaty"]);

        await _host.DecideOpenAsync(caseId, "assessor1.almaty", DecisionKind.Approve, attributes: Level("Low"));
        await _host.DecideOpenAsync(caseId, "assessor2.almaty", DecisionKind.Approve, attributes: Level("High"));

        await _host.AssertRunningAsync(id);
        Assert.Equal("seniorpsych.south", Assert.Single(await _host.OpenTasksOfCaseAsync(caseId)).AssigneeId);
        await _host.DecideOpenAsync(caseId, "seniorpsych.south", DecisionKind.Approve, attributes: Level("Medium"));

        var outcome = await OutcomeAsync(_host, id);
        Assert.Equal((ApprovalResult.Approved, "Medium"), (outcome.Result, outcome.Attributes["riskLevel"]));
    }

    [Fact]
    public async Task Quorum_AssessorsApprovingWithDifferentRiskLevels_WithoutATieBreaker_IsRejectedAsADisagreement()
    {
        var policy = Quorum2() with { RequiredAttributes = ["riskLevel"], AttributeValues = RiskLevels, TieBreaker = null };
        var (id, caseId) = await StartAsync(_host, policy, named: ["assessor1.almaty", "assessor2.almaty"]);

        await _host.DecideOpenAsync(caseId, "assessor1.almaty", DecisionKind.Approve, attributes: Level("Low"));
        await _host.DecideOpenAsync(caseId, "assessor2.almaty", DecisionKind.Approve, attributes: Level("High"));

        var outcome = await OutcomeAsync(_host, id);
        Assert.Equal((ApprovalResult.Rejected, true), (outcome.Result, outcome.Disagreement));
    }

    [Fact]
    public async Task Quorum_AssessorsAgreeingOnTheRiskLevel_Approve()
    {
        var policy = Quorum2() with { RequiredAttributes = ["riskLevel"], AttributeValues = RiskLevels };
        var (id, caseId) = await StartAsync(_host, policy, named: ["assessor1.almaty", "assessor2.almaty"]);

        await _host.DecideOpenAsync(caseId, "assessor1.almaty", DecisionKind.Approve, attributes: Level("High"));
        await _host.DecideOpenAsync(caseId, "assessor2.almaty", DecisionKind.Approve, attributes: Level("High"));

        var outcome = await OutcomeAsync(_host, id);
        Assert.Equal((ApprovalResult.Approved, "High"), (outcome.Result, outcome.Attributes["riskLevel"]));
    }

    [Fact]
    public async Task AnyOfSeveralHolders_FirstDecisionWins_OthersAreCancelled()
    {
        var policy = new StepPolicy { Approvers = [new ApproverRule(Roles.RiskAssessor)] };
        var (id, caseId) = await StartAsync(_host, policy);
        Assert.Equal(3, (await _host.OpenTasksOfCaseAsync(caseId)).Count);

        await _host.DecideOpenAsync(caseId, "assessor2.almaty", DecisionKind.Approve);

        Assert.Equal(ApprovalResult.Approved, (await OutcomeAsync(_host, id)).Result);
        var other = Assert.Single(await _host.Tasks.ListByCaseAsync(caseId), t => t.AssigneeId == "assessor1.almaty");
        Assert.Equal(DecisionStatus.AlreadyDecided, (await _host.DecideAsync(other.TaskId, "assessor1.almaty", DecisionKind.Reject, "late")).Status);
    }

    [Fact]
    public async Task ReassignToManager_MovesTheTaskToTheAssigneesManager()
    {
        var policy = new StepPolicy
        {
            Approvers = [new ApproverRule(Roles.LegalReviewer, ScopeLevel.Central)],
            Deadline = Duration.Days(30),
            Escalations = [new EscalationLevel { At = Duration.Days(30), Action = EscalationAction.Reassign, ToManager = true }],
        };
        var (_, caseId) = await StartAsync(_host, policy);

        await _host.Host.AdvanceAsync(TimeSpan.FromDays(30));

        Assert.Equal("headcentral.central", Assert.Single(await _host.OpenTasksOfCaseAsync(caseId)).AssigneeId);
    }
}
