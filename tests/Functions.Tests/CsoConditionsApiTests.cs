using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Workflows.Testing.Azurite;

namespace Workflows.Functions.Tests;

/// <summary>
/// The CSO final decision approved with conditions through <c>POST /api/tasks/{id}/decision</c>: the
/// decision's <c>legalBasis</c> and <c>conditionDuration</c> attributes reach each condition of the
/// access agreement (safeguard 11).
/// </summary>
public sealed class CsoConditionsApiTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private readonly WorkflowsAppFactory _app = new(azurite);

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    private async Task<JsonElement> AgreementAsync(string user, string caseId)
    {
        using var client = _app.ClientFor(user);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        while (true)
        {
            var view = await client.GetFromJsonAsync<JsonElement>($"/api/cases/{caseId}", timeout.Token);
            var agreement = view.GetProperty("sections").EnumerateArray().FirstOrDefault(s => s.GetProperty("name").GetString() == "accessAgreement");
            if (agreement.ValueKind == JsonValueKind.Object)
            {
                return agreement.GetProperty("data");
            }

            await Task.Delay(50, timeout.Token);
        }
    }

    [Fact]
    public async Task Final_decision_approved_with_conditions_and_a_legal_basis_puts_both_in_the_access_agreement()
    {
        var (caseId, instanceId) = await CaseSteps.SubmitAsync(_app, "/api/cso-access-requests", "focalpoint.cso-bridge", "cso-access-request.json");
        var task = await new WorkflowDriver(_app, caseId, instanceId).RunUntilOpenTaskAsync("finalDecision");
        var decider = task.GetProperty("assigneeId").GetString()!;
        Assert.True(task.GetProperty("allowConditions").GetBoolean());
        using var client = _app.ClientFor(decider);

        var response = await client.PostAsJsonAsync($"/api/tasks/{task.GetProperty("taskId").GetString()}/decision", new
        {
            decision = "approveWithConditions",
            conditions = new[] { "Visits on weekdays only", "No recording devices" },
            attributes = new Dictionary<string, string> { ["legalBasis"] = "Penal Enforcement Code art. 20", ["conditionDuration"] = "6 months" },
        });

        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        var agreement = await AgreementAsync(decider, caseId);
        Assert.True(agreement.GetProperty("withConditions").GetBoolean());
        // The agreement's conditions are stored as the domain's records (PascalCase).
        var conditions = agreement.GetProperty("conditions").EnumerateArray().ToList();
        Assert.Equal(["Visits on weekdays only", "No recording devices"], conditions.Select(c => c.GetProperty("Text").GetString()));
        Assert.All(conditions, c => Assert.Equal(("Penal Enforcement Code art. 20", "6 months"), (c.GetProperty("LegalBasis").GetString(), c.GetProperty("Duration").GetString())));
    }
}
