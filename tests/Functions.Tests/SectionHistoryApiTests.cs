using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Workflows.Cases;
using Workflows.Testing.Azurite;

namespace Workflows.Functions.Tests;

/// <summary>
/// <c>GET /api/cases/{caseId}/sections/{tier}/{name}/history</c>: every version of a section, oldest
/// first, for a reader of its tier; the same 404 as a missing case for anyone else; sensitive reads audited.
/// </summary>
public sealed class SectionHistoryApiTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private const string SocialWorker = "socialworker.almaty";
    private readonly WorkflowsAppFactory _app = new(azurite);
    private string _caseId = string.Empty;

    public async ValueTask InitializeAsync() =>
        _caseId = (await CaseSteps.SubmitAsync(_app, "/api/pre-release-plans", SocialWorker, "pre-release-plan.json")).CaseId;

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    private async Task RecordPlanAsync(string trigger)
    {
        var plan = JsonNode.Parse(CaseSteps.Sample("release-plan.json"))!.AsObject();
        plan["contingencyTriggers"]![0]!["trigger"] = trigger;
        using var client = _app.ClientFor(SocialWorker);
        var response = await client.PostAsync($"/api/pre-release-plans/{_caseId}/plan", CaseSteps.Json(plan.ToJsonString()));
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
    }

    private async Task WriteSectionTwiceAsync(DataTier tier, string name)
    {
        var cases = _app.Services.GetRequiredService<ICaseStore>();
        foreach (var note in new[] { "first", "second" })
        {
            await cases.WriteSectionAsync(_caseId, new CaseSection { Tier = tier, Name = name, Data = JsonSerializer.SerializeToElement(new { note }), UpdatedAt = DateTimeOffset.UtcNow, UpdatedBy = "psychologist.almaty" });
        }
    }

    private async Task<HttpResponseMessage> HistoryAsync(string user, string caseId, string tier, string name)
    {
        using var client = _app.ClientFor(user);
        return await client.GetAsync($"/api/cases/{caseId}/sections/{tier}/{name}/history");
    }

    private async Task<List<JsonElement>> SensitiveReadsAsync() =>
        [.. (await CaseSteps.AuditAsync(_app, _caseId)).Where(e => e.GetProperty("action").GetString() == "SensitiveRead")];

    [Fact]
    public async Task A_rewritten_plan_lists_both_versions_oldest_first_for_a_reader_of_the_workflow_tier()
    {
        await RecordPlanAsync("Loss of housing");
        await RecordPlanAsync("Relapse");

        var response = await HistoryAsync("director.almaty", _caseId, "workflow", "releasePlanDraft");

        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        var versions = (await response.Content.ReadFromJsonAsync<JsonElement>()).EnumerateArray().ToList();
        Assert.Equal([1, 2], versions.Select(v => v.GetProperty("version").GetInt32()));
        Assert.All(versions, v => Assert.Equal(SocialWorker, v.GetProperty("updatedBy").GetString()));
        Assert.True(versions[0].GetProperty("updatedAt").GetDateTimeOffset() <= versions[1].GetProperty("updatedAt").GetDateTimeOffset());
        Assert.Equal(["Loss of housing", "Relapse"], versions.Select(v => v.GetProperty("data").GetProperty("contingencyTriggers")[0].GetProperty("trigger").GetString()));
        Assert.Empty(await SensitiveReadsAsync());
    }

    [Fact]
    public async Task A_reader_of_a_sensitive_tier_gets_its_history_and_the_read_is_audited()
    {
        await WriteSectionTwiceAsync(DataTier.RiskAssessment, "riskNotes");

        var response = await HistoryAsync("director.almaty", _caseId, "RiskAssessment", "riskNotes");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(2, (await response.Content.ReadFromJsonAsync<JsonElement>()).GetArrayLength());
        var read = Assert.Single(await SensitiveReadsAsync());
        Assert.Equal(("director.almaty", "RiskAssessment"), (read.GetProperty("actorId").GetString(), read.GetProperty("reason").GetString()));
    }

    [Fact]
    public async Task A_reader_without_the_tier_gets_the_same_404_as_for_a_case_that_does_not_exist_and_nothing_is_audited()
    {
        await WriteSectionTwiceAsync(DataTier.Health, "healthNotes");

        var refused = await HistoryAsync("director.almaty", _caseId, "Health", "healthNotes");
        var missing = await HistoryAsync("director.almaty", "case-does-not-exist", "Health", "healthNotes");

        Assert.Equal((HttpStatusCode.NotFound, HttpStatusCode.NotFound), (refused.StatusCode, missing.StatusCode));
        Assert.Equal(CaseSteps.ProblemShape(await missing.Content.ReadAsStringAsync()), CaseSteps.ProblemShape(await refused.Content.ReadAsStringAsync()));
        Assert.Empty(await SensitiveReadsAsync());
    }

    [Fact]
    public async Task A_caller_who_may_not_see_the_case_gets_the_same_404_as_for_a_case_that_does_not_exist()
    {
        await RecordPlanAsync("Loss of housing");

        var refused = await HistoryAsync("socialworker.kostanay", _caseId, "Workflow", "releasePlanDraft");
        var missing = await HistoryAsync("socialworker.kostanay", "case-does-not-exist", "Workflow", "releasePlanDraft");

        Assert.Equal((HttpStatusCode.NotFound, HttpStatusCode.NotFound), (refused.StatusCode, missing.StatusCode));
        Assert.Equal(CaseSteps.ProblemShape(await missing.Content.ReadAsStringAsync()), CaseSteps.ProblemShape(await refused.Content.ReadAsStringAsync()));
    }

    [Fact]
    public async Task Assigned_cso_staff_get_no_history_as_earlier_versions_are_not_narrowed_to_their_annex()
    {
        // A case the partner is assigned to, under an active agreement: the case itself shows them the annex's fields.
        var cases = _app.Services.GetRequiredService<ICaseStore>();
        var agreementId = "case-cso-" + Guid.NewGuid().ToString("N")[..8];
        await cases.CreateAsync(new CaseRecord { CaseId = agreementId, Reference = "CSO-X", Workflow = WorkflowNames.CsoAccess, FacilityId = "almaty", RegionId = "south", RequesterId = "focalpoint.cso-bridge", Status = Workflows.CsoAccess.CsoOutcomes.PermitActive });
        await cases.WriteSectionAsync(agreementId, new CaseSection { Tier = DataTier.Workflow, Name = Workflows.CsoAccess.DataSharingAnnex.AgreementSection, Data = JsonSerializer.SerializeToElement(new { organisationId = "cso-bridge", annex = Workflows.CsoAccess.DataSharingAnnex.Default }) });
        var caseId = "case-ref-" + Guid.NewGuid().ToString("N")[..8];
        await cases.CreateAsync(new CaseRecord
        {
            CaseId = caseId, Reference = "REF-X", Workflow = WorkflowNames.Referral, FacilityId = "almaty", RegionId = "south", RequesterId = "referrer.almaty",
            Participants = [new CaseParticipant("referrer.almaty", Roles.Requester), new CaseParticipant("staff1.cso-bridge", Roles.CsoStaff)],
            LinkedCaseIds = [agreementId],
        });
        foreach (var riskLevel in new[] { "High", "Medium" })
        {
            await cases.WriteSectionAsync(caseId, new CaseSection { Tier = DataTier.Workflow, Name = "placement", Data = JsonSerializer.SerializeToElement(new { placedAt = "2026-02-01", riskLevel }) });
        }

        using var partner = _app.ClientFor("staff1.cso-bridge");
        Assert.Equal(HttpStatusCode.OK, (await partner.GetAsync($"/api/cases/{caseId}")).StatusCode);

        var refused = await HistoryAsync("staff1.cso-bridge", caseId, "Workflow", "placement");
        var missing = await HistoryAsync("staff1.cso-bridge", "case-does-not-exist", "Workflow", "placement");

        Assert.Equal((HttpStatusCode.NotFound, HttpStatusCode.NotFound), (refused.StatusCode, missing.StatusCode));
        Assert.Equal(CaseSteps.ProblemShape(await missing.Content.ReadAsStringAsync()), CaseSteps.ProblemShape(await refused.Content.ReadAsStringAsync()));
        Assert.Equal(HttpStatusCode.OK, (await HistoryAsync("referrer.almaty", caseId, "Workflow", "placement")).StatusCode);
    }

    [Theory]
    [InlineData("Secret")]
    [InlineData("2")]
    [InlineData("Workflow,Legal")]
    public async Task An_unknown_tier_is_a_400_naming_tier(string tier)
    {
        var response = await HistoryAsync("director.almaty", _caseId, Uri.EscapeDataString(tier), "releasePlanDraft");

        await CaseSteps.AssertProblemNamingAsync(response, HttpStatusCode.BadRequest, "tier");
    }
}
