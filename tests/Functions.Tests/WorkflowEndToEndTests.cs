using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Workflows.Testing.Azurite;

namespace Workflows.Functions.Tests;

/// <summary>
/// Each workflow is started through its intake endpoint and driven to completion through the tasks
/// API, its fact endpoints and the development clock — the real app on Azurite, no shortcut.
/// </summary>
public sealed class WorkflowEndToEndTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private readonly WorkflowsAppFactory _app = new(azurite);

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    private async Task<(string CaseId, string InstanceId)> SubmitAsync(string path, string user, string sample)
    {
        using var client = _app.ClientFor(user);
        var body = await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "samples", sample));
        var response = await client.PostAsync(path, new StringContent(body, System.Text.Encoding.UTF8, "application/json"));
        Assert.True(response.StatusCode == HttpStatusCode.Accepted, await response.Content.ReadAsStringAsync());
        var result = await response.Content.ReadFromJsonAsync<JsonElement>();
        return (result.GetProperty("caseId").GetString()!, result.GetProperty("id").GetString()!);
    }

    private static string Outcome(JsonElement output) => output.GetProperty("outcome").GetString()!;

    [Fact]
    public async Task Referral_runs_from_intake_through_placement_and_monitoring_to_completion()
    {
        var (caseId, instanceId) = await SubmitAsync("/api/referrals", "referrer.almaty", "referral.json");
        var driver = new WorkflowDriver(_app, caseId, instanceId);
        driver.Facts["consentSession"] = [("coordinator.almaty", $"/api/referrals/{caseId}/consent", new
        {
            given = true,
            language = "kk",
            interpreterUsed = true,
            whatWasExplained = "Programme content, duration and the records kept.",
            limitsOfConfidentialityExplained = true,
            rightToWithdrawExplained = true,
        })];
        driver.Facts["waitingList"] = [("coordinator.almaty", $"/api/referrals/{caseId}/programme-start", new { programmeId = "prog-1" })];
        driver.Facts["monitoring"] = [("coordinator.almaty", $"/api/referrals/{caseId}/exit", new { kind = "completion", reasons = "Programme completed." })];

        var output = await driver.RunToCompletionAsync();

        Assert.Equal("Completed", Outcome(output));
        Assert.Contains(driver.Decided, d => d.StartsWith("eligibilityScreening:coordinator.almaty", StringComparison.Ordinal));
        Assert.Contains(driver.Decided, d => d.StartsWith("placementDecision:director.almaty", StringComparison.Ordinal));
        Assert.DoesNotContain(driver.Decided, d => d.EndsWith(":referrer.almaty", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Complaint_is_acknowledged_and_decided()
    {
        var (caseId, instanceId) = await SubmitAsync("/api/complaints", "socialworker.almaty", "complaint.json");
        var driver = new WorkflowDriver(_app, caseId, instanceId);

        var output = await driver.RunToCompletionAsync();

        Assert.Equal("Upheld", Outcome(output));
        Assert.Equal(["acknowledgement:complaints.almaty", "decision:complaints.almaty"], driver.Decided);
    }

    [Fact]
    public async Task Cso_access_runs_through_parallel_reviews_to_a_permit_that_expires()
    {
        var (caseId, instanceId) = await SubmitAsync("/api/cso-access-requests", "focalpoint.cso-bridge", "cso-access-request.json");
        var driver = new WorkflowDriver(_app, caseId, instanceId);
        driver.TimerSteps.Add("permit");

        var output = await driver.RunToCompletionAsync();

        Assert.Equal("PermitExpired", Outcome(output));
        Assert.Contains(driver.Decided, d => d.StartsWith("finalDecision:", StringComparison.Ordinal));
        Assert.True(driver.Decided.Count(d => d.Contains("Vetting", StringComparison.OrdinalIgnoreCase) || d.Contains("review", StringComparison.OrdinalIgnoreCase)) >= 3);
    }

    [Fact]
    public async Task Pre_release_plan_runs_to_release_follow_up_and_closure()
    {
        var (caseId, instanceId) = await SubmitAsync("/api/pre-release-plans", "socialworker.almaty", "pre-release-plan.json");
        var driver = new WorkflowDriver(_app, caseId, instanceId);
        foreach (var step in new[] { "planningOpens", "needsAssessment", "planningConference", "housingConfirmation", "finalChecklist", "releaseDay", "postReleaseReview", "retention" })
        {
            driver.TimerSteps.Add(step);
        }

        driver.Facts["contact"] = [("probation.south", $"/api/pre-release-plans/{caseId}/contacts", new { attended = true })];

        var output = await driver.RunToCompletionAsync(maxRounds: 600);

        Assert.Equal("ClosedCompleted", Outcome(output));
        Assert.Contains(driver.Decided, d => d.StartsWith("releaseHandover:", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Repatriation_household_runs_from_verification_to_closure()
    {
        var (caseId, instanceId) = await SubmitAsync("/api/repatriation-cases", "consular.central", "repatriation-case.json");
        var driver = new WorkflowDriver(_app, caseId, instanceId);
        driver.Facts["consents"] =
        [
            ("consular.central", $"/api/repatriation-cases/{caseId}/consents/parent:c1", new { given = true }),
            ("consular.central", $"/api/repatriation-cases/{caseId}/consents/dna:m1", new { given = true }),
        ];
        driver.Facts["arrival"] = [("centredirector.aktau", $"/api/repatriation-cases/{caseId}/arrival", null)];
        driver.Facts["documentsRestored"] =
        [
            ("socialworker.aktau", $"/api/repatriation-cases/{caseId}/family-agreements/c1", new { agreed = true }),
            ("socialworker.aktau", $"/api/repatriation-cases/{caseId}/family-agreements/c2", new { agreed = true }),
            ("socialworker.aktau", $"/api/repatriation-cases/{caseId}/documents-restored", null),
        ];
        driver.TimerSteps.Add("adaptationCentre");
        driver.Facts["reintegrationReview"] = [("regionalcoord.west", $"/api/repatriation-cases/{caseId}/closure", null)];

        var output = await driver.RunToCompletionAsync(maxRounds: 600);

        Assert.Equal("Closed", Outcome(output));
        Assert.Contains(driver.Decided, d => d.StartsWith("manifestApproval:", StringComparison.Ordinal));
    }
}
