using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Workflows.Cases;
using Workflows.CsoAccess;
using Workflows.Testing.Azurite;

namespace Workflows.Functions.Tests;

/// <summary>
/// <c>POST /api/cases/{caseId}/partners</c> and <c>.../partners/{staffId}/unassign</c>: prison staff assign vetted
/// CSO staff to a prisoner's referral and end the assignment; the CSO staff member's view of the case follows.
/// </summary>
public sealed class PartnerAssignmentApiTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private const string Staff = "staff1.cso-bridge";
    private const string Director = "director.almaty";
    private readonly WorkflowsAppFactory _app = new(azurite);

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    /// <summary>An active permit of cso-bridge covering almaty, as the CSO access workflow records it once granted.</summary>
    private async Task<string> PermitAsync()
    {
        var cases = _app.Services.GetRequiredService<ICaseStore>();
        var caseId = "case-cso-" + Guid.NewGuid().ToString("N")[..8];
        await cases.CreateAsync(new CaseRecord { CaseId = caseId, Reference = "CSO-API", Workflow = WorkflowNames.CsoAccess, FacilityId = "almaty", RegionId = "south", RequesterId = "focalpoint.cso-bridge", Status = CsoOutcomes.PermitActive });
        await cases.WriteSectionAsync(caseId, new CaseSection { Tier = DataTier.Workflow, Name = DataSharingAnnex.AgreementSection, Data = JsonSerializer.SerializeToElement(new { organisationId = "cso-bridge", annex = DataSharingAnnex.Default }) });
        var permit = new PermitRecord(DateTimeOffset.UtcNow.AddYears(1), [Staff], ["almaty"]);
        await cases.WriteSectionAsync(caseId, new CaseSection { Tier = DataTier.Workflow, Name = PermitRecord.SectionName, Data = JsonSerializer.SerializeToElement(permit.ToSectionData()) });
        return caseId;
    }

    [Fact]
    public async Task Assigned_CSO_staff_read_the_referral_narrowed_to_the_workflow_tier_without_documents()
    {
        var caseId = await CaseSteps.SubmitReferralAsync(_app);
        using var staff = _app.ClientFor(Staff);
        Assert.Equal(HttpStatusCode.NotFound, (await staff.GetAsync($"/api/cases/{caseId}")).StatusCode);
        using var director = _app.ClientFor(Director);

        var response = await director.PostAsJsonAsync($"/api/cases/{caseId}/partners", new { permitCaseId = await PermitAsync(), staffId = Staff });

        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        var view = await staff.GetFromJsonAsync<JsonElement>($"/api/cases/{caseId}");
        Assert.Equal(["Workflow"], view.GetProperty("readableTiers").EnumerateArray().Select(t => t.GetString()));
        Assert.Empty(view.GetProperty("documents").EnumerateArray());
        var record = view.GetProperty("case");
        Assert.Equal(JsonValueKind.Null, record.GetProperty("subjectId").ValueKind);
        Assert.Equal(string.Empty, record.GetProperty("requesterId").GetString());
        Assert.Equal([Staff], record.GetProperty("participants").EnumerateArray().Select(p => p.GetProperty("personId").GetString()));
        Assert.Empty(record.GetProperty("linkedCaseIds").EnumerateArray());
    }

    [Fact]
    public async Task Assigned_CSO_staff_are_refused_the_cases_tasks_like_a_case_that_does_not_exist()
    {
        var caseId = await CaseSteps.SubmitReferralAsync(_app);
        using var director = _app.ClientFor(Director);
        Assert.Equal(HttpStatusCode.OK, (await director.PostAsJsonAsync($"/api/cases/{caseId}/partners", new { permitCaseId = await PermitAsync(), staffId = Staff })).StatusCode);
        using var staff = _app.ClientFor(Staff);

        Assert.Equal(HttpStatusCode.OK, (await staff.GetAsync($"/api/cases/{caseId}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await staff.GetAsync($"/api/cases/{caseId}/tasks")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await director.GetAsync($"/api/cases/{caseId}/tasks")).StatusCode);
    }

    [Fact]
    public async Task Assignment_without_a_staff_member_is_a_400_naming_staffId()
    {
        var caseId = await CaseSteps.SubmitReferralAsync(_app);
        using var director = _app.ClientFor(Director);

        var response = await director.PostAsJsonAsync($"/api/cases/{caseId}/partners", new { permitCaseId = await PermitAsync() });

        await CaseSteps.AssertProblemNamingAsync(response, HttpStatusCode.BadRequest, "staffId");
    }

    [Fact]
    public async Task Assignment_under_an_unknown_permit_is_a_400_naming_permitCaseId()
    {
        var caseId = await CaseSteps.SubmitReferralAsync(_app);
        using var director = _app.ClientFor(Director);

        var response = await director.PostAsJsonAsync($"/api/cases/{caseId}/partners", new { permitCaseId = "case-nothing", staffId = Staff });

        await CaseSteps.AssertProblemNamingAsync(response, HttpStatusCode.BadRequest, "permitCaseId");
    }

    [Fact]
    public async Task Assignment_by_staff_of_another_prison_answers_like_a_case_that_does_not_exist()
    {
        var caseId = await CaseSteps.SubmitReferralAsync(_app);
        using var other = _app.ClientFor("coordinator.kostanay");

        var refused = await other.PostAsJsonAsync($"/api/cases/{caseId}/partners", new { permitCaseId = await PermitAsync(), staffId = Staff });
        var missing = await other.PostAsJsonAsync("/api/cases/case-nothing/partners", new { permitCaseId = "case-nothing", staffId = Staff });

        Assert.Equal(HttpStatusCode.NotFound, refused.StatusCode);
        Assert.Equal(CaseSteps.ProblemShape(await missing.Content.ReadAsStringAsync()), CaseSteps.ProblemShape(await refused.Content.ReadAsStringAsync()));
    }

    [Fact]
    public async Task Ending_an_assignment_needs_a_reason_and_then_the_CSO_staff_member_no_longer_sees_the_case()
    {
        var caseId = await CaseSteps.SubmitReferralAsync(_app);
        using var director = _app.ClientFor(Director);
        using var staff = _app.ClientFor(Staff);
        Assert.Equal(HttpStatusCode.OK, (await director.PostAsJsonAsync($"/api/cases/{caseId}/partners", new { permitCaseId = await PermitAsync(), staffId = Staff })).StatusCode);

        await CaseSteps.AssertProblemNamingAsync(await director.PostAsJsonAsync($"/api/cases/{caseId}/partners/{Staff}/unassign", new { reason = "" }), HttpStatusCode.BadRequest, "reason");
        Assert.Equal(HttpStatusCode.OK, (await staff.GetAsync($"/api/cases/{caseId}")).StatusCode);

        var ended = await director.PostAsJsonAsync($"/api/cases/{caseId}/partners/{Staff}/unassign", new { reason = "Mentoring completed." });

        Assert.Equal(HttpStatusCode.OK, ended.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await staff.GetAsync($"/api/cases/{caseId}")).StatusCode);
    }

    [Fact]
    public async Task Assignment_with_a_body_that_is_not_JSON_is_a_400_and_changes_nothing()
    {
        var caseId = await CaseSteps.SubmitReferralAsync(_app);
        using var director = _app.ClientFor(Director);

        var response = await director.PostAsync($"/api/cases/{caseId}/partners", CaseSteps.Json("{ not json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.DoesNotContain(await _app.Services.GetRequiredService<ICaseStore>().GetAsync(caseId) is { } record ? record.Participants : [], p => p.PersonId == Staff);
    }
}
