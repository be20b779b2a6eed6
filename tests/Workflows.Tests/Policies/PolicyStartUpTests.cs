using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Workflows.Policies;

namespace Workflows.Tests.Policies;

/// <summary>The domain's services, started as a host starts them, with a deployment policy file beside the default.</summary>
public sealed class PolicyStartUpTests : IDisposable
{
    private readonly string _file = Path.Combine(Path.GetTempPath(), $"policy-{Guid.NewGuid():N}.json");

    public void Dispose() => File.Delete(_file);

    [Fact]
    public async Task StartUp_WithAStepMissingItsExhaustedRule_FailsNamingTheStep()
    {
        await File.WriteAllTextAsync(_file, """{ "workflows": { "referral": { "steps": { "securityClearance": { "exhausted": null } } } } }""");

        var ex = await Assert.ThrowsAsync<PolicyException>(() => StartAsync(_file));

        Assert.StartsWith("policies.referral.steps.securityClearance.exhausted: missing;", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StartUp_WithABadFacilityOverride_FailsNamingTheFacilityAndTheEntry()
    {
        await File.WriteAllTextAsync(_file, """{ "overrides": [ { "country": "KZ", "facility": "taraz", "workflows": { "complaint": { "steps": { "acknowledgement": { "deadline": "2 fortnights" } } } } } ] }""");

        var ex = await Assert.ThrowsAsync<PolicyException>(() => StartAsync(_file));

        Assert.Equal("policies.complaint(facility taraz).steps.acknowledgement.deadline: unknown unit 'fortnights' (use hours, days, workingDays or months)", ex.Message);
    }

    [Fact]
    public async Task StartUp_WithARiskLevelStepWithoutItsValues_FailsNamingTheStep()
    {
        await File.WriteAllTextAsync(_file, """{ "workflows": { "referral": { "steps": { "progressReview": { "requiredAttributes": ["riskLevel"] } } } } }""");

        var ex = await Assert.ThrowsAsync<PolicyException>(() => StartAsync(_file));

        Assert.StartsWith("policies.referral.steps.progressReview.attributeValues.riskLevel: missing;", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StartUp_WithARiskLevelTheWorkflowsDoNotKnow_FailsNamingTheValue()
    {
        await File.WriteAllTextAsync(_file, """{ "workflows": { "preRelease": { "steps": { "riskReassessment": { "attributeValues": { "riskLevel": ["Low", "Medium", "High", "Severe"] } } } } } }""");

        var ex = await Assert.ThrowsAsync<PolicyException>(() => StartAsync(_file));

        Assert.Equal("policies.preRelease.steps.riskReassessment.attributeValues.riskLevel: unknown risk level 'Severe' (use Low, Medium, High)", ex.Message);
    }

    [Fact]
    public async Task StartUp_WithAFacilityOverrideInvalidOnlyOverItsCountrysOverride_FailsNamingBoth()
    {
        await File.WriteAllTextAsync(_file, """
            { "overrides": [
                { "country": "KZ", "workflows": { "complaint": { "steps": { "decision": { "mode": "Quorum", "quorum": 1 } } } } },
                { "facility": "taraz", "workflows": { "complaint": { "steps": { "decision": { "mode": "Any" } } } } } ] }
            """);

        var ex = await Assert.ThrowsAsync<PolicyException>(() => StartAsync(_file));

        Assert.Equal("policies.complaint(country KZ, facility taraz).steps.decision.quorum: only a step in Quorum mode takes a quorum", ex.Message);
    }

    [Fact]
    public async Task StartUp_WithAFileThatIsNotJson_FailsNamingTheFile()
    {
        await File.WriteAllTextAsync(_file, "workflows: referral");

        var ex = await Assert.ThrowsAsync<PolicyException>(() => StartAsync(_file));

        Assert.StartsWith(Path.GetFileName(_file) + ": not valid JSON", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StartUp_WithAValidOverride_StartsAndResolvesIt()
    {
        await File.WriteAllTextAsync(_file, """{ "workflows": { "complaint": { "steps": { "decision": { "exhausted": { "at": "30 days" } } } } } }""");

        var policies = await StartAsync(_file);

        Assert.Equal(Duration.Days(30), policies.Resolve(WorkflowNames.Complaint, "KZ", "almaty").Step("decision").Exhausted!.At);
    }

    private static async Task<IPolicyProvider> StartAsync(string policyFile)
    {
        var services = new ServiceCollection();
        services.AddProgrammeWorkflows(o => o.PolicyFiles.Add(policyFile));
        await using var provider = services.BuildServiceProvider();
        foreach (var hosted in provider.GetServices<IHostedService>())
        {
            await hosted.StartAsync(CancellationToken.None);
        }

        return provider.GetRequiredService<IPolicyProvider>();
    }
}
