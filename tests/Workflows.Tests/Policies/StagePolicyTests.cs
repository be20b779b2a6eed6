using System.Text.Json.Nodes;
using Workflows.Policies;

namespace Workflows.Tests.Policies;

/// <summary>Per-stage timing of sequential steps and the women-staff assignment rule, as the policy file holds them.</summary>
public sealed class StagePolicyTests
{
    private const string HighRisk = "placementDecisionHighRisk";

    [Fact]
    public void LoadDefault_HighRiskPlacement_GivesCentralAdministrationsStageItsOwnTimingAtCentralLevel()
    {
        var step = PolicySet.LoadDefault().Resolve(WorkflowNames.Referral, "KZ", "almaty").Step(HighRisk);

        var central = step.ForStage(Roles.CentralAdministration);

        Assert.Equal(Duration.WorkingDays(10), central.Deadline);
        Assert.Equal([Duration.WorkingDays(7)], central.Reminders);
        var level = Assert.Single(central.Escalations);
        Assert.Equal((Duration.WorkingDays(10), EscalationAction.AddApprover, Roles.HeadOfCentralAdministration, ScopeLevel.Central), (level.At, level.Action, level.Role, level.Scope));
        Assert.Equal((Duration.WorkingDays(20), ExhaustedAction.Expire, Roles.HeadOfCentralAdministration), (central.Exhausted!.At, central.Exhausted.Action, central.Exhausted.Notify));
    }

    [Fact]
    public void LoadDefault_HighRiskPlacement_DirectorsStageKeepsTheStepsChain_DeputyThenCentralAdministration()
    {
        var step = PolicySet.LoadDefault().Resolve(WorkflowNames.Referral, "KZ", "almaty").Step(HighRisk);

        var director = step.ForStage(Roles.PrisonDirector);

        Assert.Equal(Duration.WorkingDays(5), director.Deadline);
        Assert.Equal([Roles.DeputyDirector, Roles.CentralAdministration], director.Escalations.Select(e => e.Role));
        Assert.Equal([Duration.WorkingDays(5), Duration.WorkingDays(10)], director.Escalations.Select(e => e.At));
    }

    [Fact]
    public void ForStage_FieldsTheStageLeavesOut_AreTheSteps()
    {
        var step = new StepPolicy
        {
            Mode = ApprovalMode.Sequential,
            Approvers = [new ApproverRule(Roles.PrisonDirector), new ApproverRule(Roles.CentralAdministration, ScopeLevel.Central)],
            Deadline = Duration.WorkingDays(5),
            Reminders = [Duration.WorkingDays(3)],
            Escalations = [new EscalationLevel { At = Duration.WorkingDays(5), Action = EscalationAction.Reassign, Role = Roles.DeputyDirector }],
            Exhausted = new ExhaustedRule { At = Duration.WorkingDays(15) },
            Stages = new Dictionary<string, StagePolicy> { [Roles.CentralAdministration] = new() { Deadline = Duration.WorkingDays(10), Escalations = [] } },
        };

        var central = step.ForStage(Roles.CentralAdministration);

        Assert.Equal((Duration.WorkingDays(10), 0), (central.Deadline, central.Escalations.Count));
        Assert.Equal((step.Reminders, step.Exhausted), (central.Reminders, central.Exhausted));
    }

    [Fact]
    public void Resolve_OverrideOfOneStageField_KeepsTheStagesOtherFields()
    {
        var set = Load("""{ "overrides": [ { "country": "KZ", "workflows": { "referral": { "steps": { "placementDecisionHighRisk": { "stages": { "centralAdministration": { "deadline": "15 workingDays" } } } } } } } ] }""");

        var central = set.Resolve(WorkflowNames.Referral, "KZ", "almaty").Step(HighRisk).ForStage(Roles.CentralAdministration);

        Assert.Equal(Duration.WorkingDays(15), central.Deadline);
        Assert.Equal([Duration.WorkingDays(7)], central.Reminders);
        Assert.Equal(Duration.WorkingDays(20), central.Exhausted!.At);
    }

    [Fact]
    public void Load_StagesOnAStepThatIsNotSequential_NamesTheStep()
    {
        var ex = Assert.Throws<PolicyException>(() => Load("""{ "workflows": { "referral": { "steps": { "eligibilityScreening": { "stages": { "programmeCoordinator": { "deadline": "3 workingDays" } } } } } } }"""));

        Assert.Equal("policies.referral.steps.eligibilityScreening.stages: only a Sequential step has stages (this step is Any)", ex.Message);
    }

    [Fact]
    public void Load_StageOfARoleThatIsNotAnApproverOfTheStep_NamesTheStage()
    {
        var ex = Assert.Throws<PolicyException>(() => Load("""{ "workflows": { "referral": { "steps": { "placementDecisionHighRisk": { "stages": { "deputyDirector": { "deadline": "3 workingDays" } } } } } } }"""));

        Assert.Equal("policies.referral.steps.placementDecisionHighRisk.stages.deputyDirector: 'deputyDirector' is not one of the step's approvers (prisonDirector, centralAdministration)", ex.Message);
    }

    [Fact]
    public void Load_StageChainEndingBeforeItsOwnDeadline_NamesTheStage()
    {
        var ex = Assert.Throws<PolicyException>(() => Load("""{ "workflows": { "referral": { "steps": { "placementDecisionHighRisk": { "stages": { "centralAdministration": { "exhausted": { "at": "5 workingDays" } } } } } } } }"""));

        Assert.Equal("policies.referral.steps.placementDecisionHighRisk.stages.centralAdministration.exhausted.at: 5 workingDays comes before the deadline (10 workingDays)", ex.Message);
    }

    [Fact]
    public void Load_StageDeadlineAfterTheStepsExhaustedRuleItInherits_SaysTheRuleIsInherited()
    {
        var ex = Assert.Throws<PolicyException>(() => Load("""{ "workflows": { "referral": { "steps": { "placementDecisionHighRisk": { "stages": { "prisonDirector": { "deadline": "20 workingDays" } } } } } } }"""));

        Assert.Equal("policies.referral.steps.placementDecisionHighRisk.stages.prisonDirector.exhausted.at (inherited from the step): 15 workingDays comes before the deadline (20 workingDays)", ex.Message);
    }

    [Fact]
    public void Load_UnknownRoleInAStagesEscalation_NamesTheOverrideAndTheStage()
    {
        var ex = Assert.Throws<PolicyException>(() => Load("""{ "overrides": [ { "country": "KZ", "workflows": { "referral": { "steps": { "placementDecisionHighRisk": { "stages": { "centralAdministration": { "escalations": [ { "at": "10 workingDays", "role": "minister" } ] } } } } } } } ] }"""));

        Assert.Equal("policies.referral(country KZ).steps.placementDecisionHighRisk.stages.centralAdministration.escalations[0].role: unknown role 'minister'", ex.Message);
    }

    [Fact]
    public void Load_UnknownFieldInAStage_NamesTheStage()
    {
        var ex = Assert.Throws<PolicyException>(() => Load("""{ "workflows": { "referral": { "steps": { "placementDecisionHighRisk": { "stages": { "centralAdministration": { "dedline": "3 days" } } } } } } }"""));

        Assert.StartsWith("policies.referral.steps.placementDecisionHighRisk.stages.centralAdministration", ex.Message, StringComparison.Ordinal);
        Assert.Contains("dedline", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("riskAssessment", true)]
    [InlineData("riskAssessmentJuvenile", true)]
    [InlineData("progressReview", true)]
    [InlineData("riskReassessment", true)]
    [InlineData("eligibilityScreening", false)]
    [InlineData("securityClearance", false)]
    [InlineData("caseConference", false)]
    [InlineData("placementDecision", false)]
    public void LoadDefault_WomenStaffRule_HoldsForTheStepsWithDirectContactOnly(string step, bool women)
    {
        var policy = PolicySet.LoadDefault().Resolve(WorkflowNames.Referral, "KZ", "almaty");

        Assert.Equal(women, policy.Step(step).WomenStaffForWomen);
    }

    private static PolicySet Load(string overlay)
    {
        using var stream = typeof(PolicySet).Assembly.GetManifestResourceStream("Workflows.Policies.default-policy.json")!;
        return PolicySet.Load([PolicySet.ParseObject(stream, "default"), (JsonObject)JsonNode.Parse(overlay)!]);
    }
}
