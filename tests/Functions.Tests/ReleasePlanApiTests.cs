using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Workflows.Testing.Azurite;

namespace Workflows.Functions.Tests;

/// <summary>
/// <c>POST /api/pre-release-plans/{caseId}/plan</c>: the plan the planning conference agreed is recorded
/// as the plan's draft (workflow tier); bad input names each field and writes nothing; a caller without a
/// plan-recording role is refused, without learning whether a case they may not see exists.
/// </summary>
public sealed class ReleasePlanApiTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private const string SocialWorker = "socialworker.almaty";
    private const string Draft = "releasePlanDraft";
    private readonly WorkflowsAppFactory _app = new(azurite);
    private string _caseId = string.Empty;
    private string _instanceId = string.Empty;

    public async ValueTask InitializeAsync() =>
        (_caseId, _instanceId) = await CaseSteps.SubmitAsync(_app, "/api/pre-release-plans", SocialWorker, "pre-release-plan.json");

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    private static JsonObject Plan() => JsonNode.Parse(CaseSteps.Sample("release-plan.json"))!.AsObject();

    private async Task<HttpResponseMessage> PostPlanAsync(string user, string caseId, JsonObject plan)
    {
        using var client = _app.ClientFor(user);
        return await client.PostAsync($"/api/pre-release-plans/{caseId}/plan", CaseSteps.Json(plan.ToJsonString()));
    }

    private async Task<List<JsonElement>> SectionsAsync(string user)
    {
        using var client = _app.ClientFor(user);
        var view = await client.GetFromJsonAsync<JsonElement>($"/api/cases/{_caseId}");
        return [.. view.GetProperty("sections").EnumerateArray()];
    }

    private async Task AssertNothingWrittenAsync()
    {
        Assert.DoesNotContain(await SectionsAsync(SocialWorker), s => s.GetProperty("name").GetString() == Draft);
        Assert.DoesNotContain(await CaseSteps.AuditAsync(_app, _caseId), e => e.GetProperty("action").GetString() == "SectionWritten");
    }

    [Fact]
    public async Task The_plan_recorded_at_the_conference_is_in_the_case_for_a_reader_of_the_workflow_tier()
    {
        await new WorkflowDriver(_app, _caseId, _instanceId) { TimerSteps = { "planningOpens", "needsAssessment", "planningConference" } }.RunUntilOpenTaskAsync("planningConference");

        var response = await PostPlanAsync(SocialWorker, _caseId, Plan());

        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        var recorded = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("recorded", recorded.GetProperty("status").GetString());
        Assert.False(string.IsNullOrEmpty(recorded.GetProperty("decisionId").GetString()));
        var draft = Assert.Single(await SectionsAsync("director.almaty"), s => s.GetProperty("name").GetString() == Draft);
        Assert.Equal("Workflow", draft.GetProperty("tier").GetString());
        var action = draft.GetProperty("data").GetProperty("actions")[0];
        Assert.Equal(("Local authority", "2028-01-15"), (action.GetProperty("ownerAgency").GetString(), action.GetProperty("due").GetString()));
        Assert.Equal("Penal Enforcement Code art. 169", draft.GetProperty("data").GetProperty("supervisionConditions")[0].GetProperty("legalBasis").GetString());
    }

    [Fact]
    public async Task A_plan_without_owner_agency_legal_basis_or_disclosure_duration_is_a_400_naming_each_field_and_nothing_is_written()
    {
        var plan = Plan();
        plan["actions"]![0]!.AsObject().Remove("ownerAgency");
        plan["supervisionConditions"]![0]!.AsObject().Remove("legalBasis");
        plan["informationSharing"]![0]!.AsObject().Remove("duration");

        var response = await PostPlanAsync(SocialWorker, _caseId, plan);

        var problem = await CaseSteps.AssertProblemNamingAsync(response, HttpStatusCode.BadRequest, "actions[0].ownerAgency");
        Assert.Equal(
            ["actions[0].ownerAgency", "informationSharing[0].duration", "supervisionConditions[0].legalBasis"],
            problem.GetProperty("errors").EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal));
        await AssertNothingWrittenAsync();
    }

    [Fact]
    public async Task A_due_date_that_is_not_a_date_is_a_400_naming_it_and_nothing_is_written()
    {
        var plan = Plan();
        plan["actions"]![0]!["due"] = "next spring";

        var response = await PostPlanAsync(SocialWorker, _caseId, plan);

        await CaseSteps.AssertProblemNamingAsync(response, HttpStatusCode.BadRequest, "actions[0].due");
        await AssertNothingWrittenAsync();
    }

    [Fact]
    public async Task The_director_who_sees_the_case_but_does_not_record_plans_is_refused_and_nothing_is_written()
    {
        var response = await PostPlanAsync("director.almaty", _caseId, Plan());

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        await AssertNothingWrittenAsync();
    }

    [Fact]
    public async Task A_social_worker_of_another_prison_gets_the_same_404_as_for_a_case_that_does_not_exist()
    {
        var refused = await PostPlanAsync("socialworker.kostanay", _caseId, Plan());
        var missing = await PostPlanAsync("socialworker.kostanay", "case-does-not-exist", Plan());

        Assert.Equal((HttpStatusCode.NotFound, HttpStatusCode.NotFound), (refused.StatusCode, missing.StatusCode));
        Assert.Equal(CaseSteps.ProblemShape(await missing.Content.ReadAsStringAsync()), CaseSteps.ProblemShape(await refused.Content.ReadAsStringAsync()));
        await AssertNothingWrittenAsync();
    }
}
