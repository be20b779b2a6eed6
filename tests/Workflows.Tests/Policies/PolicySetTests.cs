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

    private static PolicySet Load(string overlay)
    {
        using var stream = typeof(PolicySet).Assembly.GetManifestResourceStream("Workflows.Policies.default-policy.json")!;
        return PolicySet.Load([PolicySet.ParseObject(stream, "default"), (JsonObject)JsonNode.Parse(overlay)!]);
    }
}
