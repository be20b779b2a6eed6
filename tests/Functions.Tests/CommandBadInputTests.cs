using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Workflows.Testing.Azurite;

namespace Workflows.Functions.Tests;

/// <summary>
/// The commands on tasks and cases (decision, delegation, reassignment, clarification, withdrawal and
/// the facts the workflows wait for) answer bad bodies with a 400 naming the field, never a 500, and
/// change nothing: the task stays open and untouched, the case's audit trail gets no entry from the caller
/// (the workflow itself may still be writing its own).
/// </summary>
public sealed class CommandBadInputTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private readonly WorkflowsAppFactory _app = new(azurite);
    private string _caseId = string.Empty;
    private string _taskId = string.Empty;

    public async ValueTask InitializeAsync()
    {
        _caseId = await CaseSteps.SubmitReferralAsync(_app);
        _taskId = (await CaseSteps.OpenTaskAsync(_app, _caseId, "eligibilityScreening")).GetProperty("taskId").GetString()!;
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    /// <summary>user, path ({task} and {case} filled in), body, the field the 400 must name.</summary>
    public static TheoryData<string, string, string, string> BadCommands() => new()
    {
        { "coordinator.almaty", "/api/tasks/{task}/decision", "{\"decision\": ", "decision" },
        { "coordinator.almaty", "/api/tasks/{task}/decision", "{\"decision\": 5}", "decision" },
        { "coordinator.almaty", "/api/tasks/{task}/decision", "{\"comment\": \"no decision\"}", "decision" },
        { "coordinator.almaty", "/api/tasks/{task}/decision", "{\"decision\": \"maybe\"}", "decision" },
        { "coordinator.almaty", "/api/tasks/{task}/decision", "{\"decision\": \"approve\", \"reasonCodes\": \"x\"}", "reasonCodes" },
        { "coordinator.almaty", "/api/tasks/{task}/decision", "[1, 2]", "body" },
        { "coordinator.almaty", "/api/tasks/{task}/delegate", "{\"delegateId\": ", "delegateId" },
        { "coordinator.almaty", "/api/tasks/{task}/delegate", "{\"delegateId\": 5}", "delegateId" },
        { "coordinator.almaty", "/api/tasks/{task}/delegate", "{}", "delegateId" },
        { "admin.central", "/api/tasks/{task}/reassign", "{\"assigneeId\": ", "assigneeId" },
        { "admin.central", "/api/tasks/{task}/reassign", "{\"assigneeId\": [\"deputy.almaty\"]}", "assigneeId" },
        { "admin.central", "/api/tasks/{task}/reassign", "{\"assigneeId\": \"deputy.almaty\"}", "reason" },
        { "referrer.almaty", "/api/tasks/{task}/clarification", "{\"answer\": ", "answer" },
        { "referrer.almaty", "/api/tasks/{task}/clarification", "{\"answer\": 5}", "answer" },
        { "referrer.almaty", "/api/tasks/{task}/clarification", "{}", "answer" },
        { "referrer.almaty", "/api/cases/{case}/withdraw", "{\"reason\": ", "reason" },
        { "referrer.almaty", "/api/cases/{case}/withdraw", "{\"reason\": 5}", "reason" },
        { "coordinator.almaty", "/api/referrals/{case}/consent", "{\"given\": ", "given" },
        { "coordinator.almaty", "/api/referrals/{case}/consent", "{\"given\": \"yes\"}", "given" },
        { "coordinator.almaty", "/api/referrals/{case}/programme-start", "{\"programmeId\": 5}", "programmeId" },
        { "coordinator.almaty", "/api/referrals/{case}/programme-start", "{}", "programmeId" },
        { "coordinator.almaty", "/api/referrals/{case}/reassessment", "{\"trigger\": [1]}", "trigger" },
        { "coordinator.almaty", "/api/referrals/{case}/reassessment", "{\"trigger\": \"weather\"}", "trigger" },
        { "coordinator.almaty", "/api/referrals/{case}/exit", "{\"kind\": \"finished\"}", "kind" },
        { "coordinator.almaty", "/api/referrals/{case}/exit", "{\"kind\": 7}", "kind" },
        { "coordinator.almaty", "/api/referrals/{case}/exit", "{}", "kind" },
        { "coordinator.almaty", "/api/referrals/{case}/exit", "{\"kind\": \"suspension\"}", "reasons" },
        { "socialworker.almaty", "/api/pre-release-plans/{case}/court-decisions", "{\"newReleaseDate\": \"next spring\", \"decisionRef\": \"C-1\"}", "newReleaseDate" },
        { "socialworker.almaty", "/api/pre-release-plans/{case}/court-decisions", "{\"newReleaseDate\": \"2030-01-01\"}", "decisionRef" },
        { "socialworker.almaty", "/api/pre-release-plans/{case}/contacts", "{\"attended\": \"yes\"}", "attended" },
        { "socialworker.almaty", "/api/pre-release-plans/{case}/contacts", "{}", "attended" },
        { "consular.central", "/api/repatriation-cases/{case}/consents/c-1", "{\"given\": 1}", "given" },
        { "consular.central", "/api/repatriation-cases/{case}/consents/c-1", "{}", "given" },
        { "consular.central", "/api/repatriation-cases/{case}/family-agreements/child-1", "{\"agreed\": \"maybe\"}", "agreed" },
        { "focalpoint.cso-bridge", "/api/cso-access-requests/{case}/reconsideration", "{\"reasons\": 5}", "reasons" },
        { "focalpoint.cso-bridge", "/api/cso-access-requests/{case}/reconsideration", "{}", "reasons" },
        { "focalpoint.cso-bridge", "/api/cso-access-requests/{case}/staff", "{\"staffId\": []}", "staffId" },
        { "director.almaty", "/api/cso-access-requests/{case}/suspension", "{\"facilityId\": \"almaty\"}", "reason" },
        { "director.almaty", "/api/cso-access-requests/{case}/suspension", "{\"facilityId\": 5, \"reason\": \"x\"}", "facilityId" },
        { "focalpoint.cso-bridge", "/api/cso-access-requests/{case}/suspension-response", "{\"response\": {}}", "response" },
        { "focalpoint.cso-bridge", "/api/cso-access-requests/{case}/visits", "{\"visitAt\": ", "visitAt" },
    };

    /// <summary>The commands that read a JSON body.</summary>
    public static TheoryData<string, string> CommandsWithBodies() => new()
    {
        { "coordinator.almaty", "/api/tasks/{task}/decision" },
        { "coordinator.almaty", "/api/tasks/{task}/delegate" },
        { "admin.central", "/api/tasks/{task}/reassign" },
        { "referrer.almaty", "/api/tasks/{task}/clarification" },
        { "referrer.almaty", "/api/cases/{case}/withdraw" },
        { "coordinator.almaty", "/api/referrals/{case}/consent" },
        { "coordinator.almaty", "/api/referrals/{case}/exit" },
        { "socialworker.almaty", "/api/pre-release-plans/{case}/contacts" },
        { "focalpoint.cso-bridge", "/api/cso-access-requests/{case}/visits" },
    };

    private string Fill(string path) => path.Replace("{task}", _taskId, StringComparison.Ordinal).Replace("{case}", _caseId, StringComparison.Ordinal);

    private async Task<(string Status, string? Assignee, string? Delegate, int AuditByCaller)> StateAsync(string caller)
    {
        using var admin = _app.ClientFor(CaseSteps.Admin);
        var task = (await admin.GetFromJsonAsync<JsonElement>($"/api/tasks/{_taskId}")).GetProperty("task");
        var audit = (await CaseSteps.AuditAsync(_app, _caseId)).Count(e => e.GetProperty("actorId").GetString() == caller);
        return (task.GetProperty("status").GetString()!, task.GetProperty("assigneeId").GetString(), task.GetProperty("delegateId").GetString(), audit);
    }

    [Theory]
    [MemberData(nameof(BadCommands))]
    public async Task Bad_body_is_400_naming_the_field_and_changes_nothing(string user, string path, string body, string field)
    {
        var before = await StateAsync(user);
        using var client = _app.ClientFor(user);

        var response = await client.PostAsync(Fill(path), CaseSteps.Json(body));

        await CaseSteps.AssertProblemNamingAsync(response, HttpStatusCode.BadRequest, field);
        Assert.Equal(before, await StateAsync(user));
    }

    [Theory]
    [MemberData(nameof(CommandsWithBodies))]
    public async Task Wrong_media_type_is_400_naming_the_body_and_changes_nothing(string user, string path)
    {
        var before = await StateAsync(user);
        using var client = _app.ClientFor(user);

        var response = await client.PostAsync(Fill(path), new StringContent("decision=approve", Encoding.UTF8, "application/x-www-form-urlencoded"));

        await CaseSteps.AssertProblemNamingAsync(response, HttpStatusCode.BadRequest, "body");
        Assert.Equal(before, await StateAsync(user));
    }

    [Fact]
    public async Task Withdrawal_needs_no_body()
    {
        using var referrer = _app.ClientFor("referrer.almaty");

        var response = await referrer.PostAsync($"/api/cases/{_caseId}/withdraw", null);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(await CaseSteps.AuditAsync(_app, _caseId), e => e.GetProperty("action").GetString() == "Withdrawn");
    }
}
