using System.Text.Json.Nodes;
using Workflows.Policies;

namespace Workflows.Tests.Policies;

public sealed class PolicySetTests
{
    [Fact]
    public void LoadDefault_HoldsTheDomainDefaults()
    {
        var policy = PolicySet.LoadDefault().Resolve(WorkflowNames.Referral, "KZ", "almaty");

        var eligibility = policy.Step("eligibilityScreening");
        Assert.Equal(Duration.WorkingDays(5), eligibility.Deadline);
        Assert.Equal([Duration.WorkingDays(3)], eligibility.Reminders);
        Assert.Equal(Duration.WorkingDays(6), eligibility.Escalations[0].At);
        Assert.Equal(Roles.HeadOfRehabilitation, eligibility.Escalations[0].Role);
        Assert.Equal(2, policy.Step("riskAssessment").Quorum);
        Assert.Equal(Duration.Hours(72), policy.Timer("reflectionPeriod"));
        Assert.Equal(Duration.Days(60), policy.Timer("waitingListAlert"));
        Assert.Contains(new DateOnly(2026, 3, 23), policy.Calendar.Holidays);
    }

    [Fact]
    public void Resolve_FacilityOverride_MergesOverTheDefaults()
    {
        var set = Load("""{ "overrides": [ { "country": "KZ", "facility": "taraz", "workflows": { "referral": { "steps": { "eligibilityScreening": { "deadline": "3 workingDays" } } } } } ] }""");

        var taraz = set.Resolve(WorkflowNames.Referral, "KZ", "taraz").Step("eligibilityScreening");
        var almaty = set.Resolve(WorkflowNames.Referral, "KZ", "almaty").Step("eligibilityScreening");

        Assert.Equal(Duration.WorkingDays(3), taraz.Deadline);
        Assert.Equal([Duration.WorkingDays(3)], taraz.Reminders);
        Assert.Equal(Duration.WorkingDays(5), almaty.Deadline);
    }

    [Fact]
    public void Load_UnknownUnit_NamesTheBadEntry()
    {
        var ex = Assert.Throws<PolicyException>(() => Load("""{ "workflows": { "referral": { "steps": { "eligibilityScreening": { "deadline": "2 weeks" } } } } }"""));
        Assert.Equal("policies.referral.steps.eligibilityScreening.deadline: unknown unit 'weeks' (use hours, days, workingDays or months)", ex.Message);
    }

    [Fact]
    public void Load_UnknownRole_NamesTheBadEntry()
    {
        var ex = Assert.Throws<PolicyException>(() => Load("""{ "workflows": { "complaint": { "steps": { "decision": { "approvers": [ { "role": "warden" } ] } } } } }"""));
        Assert.Equal("policies.complaint.steps.decision.approvers[0].role: unknown role 'warden'", ex.Message);
    }

    [Fact]
    public void Load_ForbiddenReasonCode_Fails()
    {
        var ex = Assert.Throws<PolicyException>(() => Load("""{ "workflows": { "referral": { "reasonCodes": ["violent-incident", "religious-practice"] } } }"""));
        Assert.Contains("'religious-practice' is forbidden", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_InvalidOverride_NamesTheFacility()
    {
        var ex = Assert.Throws<PolicyException>(() => Load("""{ "overrides": [ { "facility": "taraz", "workflows": { "referral": { "steps": { "riskAssessment": { "quorum": 0 } } } } } ] }"""));
        Assert.StartsWith("policies.referral(facility taraz).steps.riskAssessment.quorum", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_UnknownField_NamesIt()
    {
        var ex = Assert.Throws<PolicyException>(() => Load("""{ "workflows": { "complaint": { "steps": { "decision": { "dedline": "3 days" } } } } }"""));
        Assert.StartsWith("policies.complaint.steps.decision", ex.Message, StringComparison.Ordinal);
        Assert.Contains("dedline", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void LoadDefault_GivesEveryStepOfEveryWorkflowAnExhaustedRule()
    {
        var set = PolicySet.LoadDefault();

        foreach (var workflow in PolicyRequirements.ByWorkflow.Keys)
        {
            foreach (var (name, step) in set.Resolve(workflow, "default", null).Steps)
            {
                Assert.True(step.Exhausted is not null, $"{workflow}.{name} has no exhausted rule");
            }
        }
    }

    [Fact]
    public void LoadDefault_NeverApprovesASecurityStepByDefault()
    {
        var set = PolicySet.LoadDefault();

        foreach (var workflow in PolicyRequirements.ByWorkflow.Keys)
        {
            foreach (var (name, step) in set.Resolve(workflow, "default", null).Steps.Where(s => s.Value.VetoRoles.Count > 0))
            {
                Assert.False(step.Exhausted is { Action: ExhaustedAction.Decide, Approve: true }, $"{workflow}.{name} approves by default");
            }
        }
    }

    [Fact]
    public void Load_StepWithoutAnExhaustedRule_NamesTheStep()
    {
        var ex = Assert.Throws<PolicyException>(() => Load("""{ "workflows": { "referral": { "steps": { "caseConference": { "exhausted": null } } } } }"""));

        Assert.StartsWith("policies.referral.steps.caseConference.exhausted: missing;", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_NewStepWithoutAnExhaustedRule_NamesTheStep()
    {
        var ex = Assert.Throws<PolicyException>(() => Load("""{ "workflows": { "complaint": { "steps": { "appeal": { "approvers": [ { "role": "prisonDirector" } ], "deadline": "10 days" } } } } }"""));

        Assert.StartsWith("policies.complaint.steps.appeal.exhausted: missing;", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_ChainEndingBeforeItsLastEscalation_NamesTheRule()
    {
        var ex = Assert.Throws<PolicyException>(() => Load("""{ "workflows": { "complaint": { "steps": { "decision": { "exhausted": { "at": "10 days" } } } } } }"""));

        Assert.Equal("policies.complaint.steps.decision.exhausted.at: 10 days comes before the deadline (14 days)", ex.Message);
    }

    [Fact]
    public void Load_DefaultApprovalOfAStepThatRecordsAnAttribute_IsRefused()
    {
        var ex = Assert.Throws<PolicyException>(() => Load("""{ "workflows": { "referral": { "steps": { "riskAssessment": { "exhausted": { "at": "60 days", "action": "Decide", "approve": true, "authorityRole": "prisonDirector" } } } } } }"""));

        Assert.StartsWith("policies.referral.steps.riskAssessment.exhausted.approve:", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_ValuesForAnAttributeTheStepDoesNotRecord_NamesThem()
    {
        var ex = Assert.Throws<PolicyException>(() => Load("""{ "workflows": { "referral": { "steps": { "riskAssessment": { "attributeValues": { "needsProfile": ["A"] } } } } } }"""));

        Assert.Equal("policies.referral.steps.riskAssessment.attributeValues.needsProfile: 'needsProfile' is not one of the step's requiredAttributes", ex.Message);
    }

    [Fact]
    public void Default_EveryStepRecordingARiskLevel_AllowsExactlyLowMediumHigh()
    {
        var policies = Load("{}");

        foreach (var (workflow, step) in new[] { ("referral", "riskAssessment"), ("referral", "riskAssessmentJuvenile"), ("referral", "riskReassessment"), ("preRelease", "riskReassessment") })
        {
            Assert.Equal(["Low", "Medium", "High"], policies.Resolve(workflow, "KZ", "almaty").Step(step).AttributeValues["riskLevel"]);
        }
    }

    [Fact]
    public void Load_UnknownRoleToNotifyWhenExhausted_NamesIt()
    {
        var ex = Assert.Throws<PolicyException>(() => Load("""{ "overrides": [ { "country": "KZ", "workflows": { "complaint": { "steps": { "decision": { "exhausted": { "at": "44 days", "notify": "governor" } } } } } } ] }"""));

        Assert.Equal("policies.complaint(country KZ).steps.decision.exhausted.notify: unknown role 'governor'", ex.Message);
    }

    private static PolicySet Load(string overlay)
    {
        using var stream = typeof(PolicySet).Assembly.GetManifestResourceStream("Workflows.Policies.default-policy.json")!;
        return PolicySet.Load([PolicySet.ParseObject(stream, "default"), (JsonObject)JsonNode.Parse(overlay)!]);
    }
}
