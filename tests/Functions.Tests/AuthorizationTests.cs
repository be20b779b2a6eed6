using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Workflows.Approvals;
using Workflows.Testing.Azurite;

namespace Workflows.Functions.Tests;

/// <summary>Default deny; roles and scope decide; the answer never reveals whether a case exists.</summary>
public sealed class AuthorizationTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private readonly WorkflowsAppFactory _app = new(azurite);
    private string _caseId = string.Empty;
    private string _taskId = string.Empty;

    public async ValueTask InitializeAsync()
    {
        using var referrer = _app.ClientFor("referrer.almaty");
        var body = await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "samples", "referral.json"));
        var response = await referrer.PostAsync("/api/referrals", new StringContent(body, System.Text.Encoding.UTF8, "application/json"));
        _caseId = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("caseId").GetString()!;
        using var admin = _app.ClientFor("admin.central");
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (_taskId.Length == 0)
        {
            var tasks = await admin.GetFromJsonAsync<JsonElement>($"/api/cases/{_caseId}/tasks", timeout.Token);
            _taskId = tasks.EnumerateArray().Select(t => t.GetProperty("taskId").GetString()!).FirstOrDefault() ?? string.Empty;
            if (_taskId.Length == 0)
            {
                await Task.Delay(50, timeout.Token);
            }
        }
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task Unknown_development_user_is_refused()
    {
        using var stranger = _app.ClientFor("nobody.nowhere");
        Assert.Equal(HttpStatusCode.Unauthorized, (await stranger.GetAsync("/api/tasks")).StatusCode);
    }

    [Theory]
    [InlineData("coordinator.almaty", HttpStatusCode.Forbidden)]
    [InlineData("inspector.central", HttpStatusCode.Forbidden)]
    [InlineData("admin.central", HttpStatusCode.OK)]
    public async Task Management_api_is_for_administrators_only(string user, HttpStatusCode expected)
    {
        using var client = _app.ClientFor(user);
        Assert.Equal(expected, (await client.GetAsync("/runtime/webhooks/durabletask/instances")).StatusCode);
    }

    [Theory]
    [InlineData("inspector.central", HttpStatusCode.OK)]
    [InlineData("dpo.central", HttpStatusCode.OK)]
    [InlineData("admin.central", HttpStatusCode.Forbidden)]
    [InlineData("coordinator.almaty", HttpStatusCode.Forbidden)]
    [InlineData("referrer.almaty", HttpStatusCode.Forbidden)]
    public async Task Audit_trail_is_for_auditors_and_inspectors(string user, HttpStatusCode expected)
    {
        using var client = _app.ClientFor(user);
        var response = await client.GetAsync($"/api/cases/{_caseId}/audit");
        Assert.Equal(expected, response.StatusCode);
        if (expected == HttpStatusCode.OK)
        {
            var trail = await response.Content.ReadFromJsonAsync<JsonElement>();
            Assert.True(trail.GetProperty("verification").GetProperty("isValid").GetBoolean());
        }
    }

    /// <summary>The referral's commands, each with a valid body (so only the case decides the answer).</summary>
    private static readonly (string Path, object? Body)[] ReferralCommands =
    [
        ("/api/referrals/{case}/consent", new { given = true, language = "kk", whatWasExplained = "Programme content.", limitsOfConfidentialityExplained = true, rightToWithdrawExplained = true }),
        ("/api/referrals/{case}/programme-start", new { programmeId = "prog-1" }),
        ("/api/referrals/{case}/reassessment", new { trigger = "incident" }),
        ("/api/referrals/{case}/exit", new { kind = "completion" }),
        ("/api/cases/{case}/withdraw", new { reason = "Changed circumstances." }),
    ];

    [Fact]
    public async Task Case_outside_the_callers_scope_looks_exactly_like_a_missing_case()
    {
        using var elsewhere = _app.ClientFor("coordinator.kostanay");
        var hidden = await elsewhere.GetAsync($"/api/cases/{_caseId}");
        var missing = await elsewhere.GetAsync("/api/cases/case-does-not-exist");

        Assert.Equal(HttpStatusCode.NotFound, hidden.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal(Shape(await hidden.Content.ReadAsStringAsync()), Shape(await missing.Content.ReadAsStringAsync()));
        Assert.Equal(HttpStatusCode.NotFound, (await elsewhere.GetAsync($"/api/cases/{_caseId}/tasks")).StatusCode);
        foreach (var (path, body) in ReferralCommands)
        {
            await AssertLooksMissingAsync(elsewhere, path, body, _caseId);
        }
    }

    [Fact]
    public async Task Juvenile_case_outside_the_callers_scope_looks_missing_even_to_a_consent_that_lacks_the_guardians()
    {
        // The consent rules of a child's case (guardian consent, the child's views) must not answer before entitlement does.
        var juvenile = CaseSteps.Sample("referral.json").Replace("\"1990-05-01\"", $"\"{DateTime.UtcNow.Year - 16}-05-01\"", StringComparison.Ordinal);
        using var referrer = _app.ClientFor("referrer.almaty");
        var response = await referrer.PostAsync("/api/referrals", CaseSteps.Json(juvenile));
        Assert.True(response.StatusCode == HttpStatusCode.Accepted, await response.Content.ReadAsStringAsync());
        var caseId = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("caseId").GetString()!;
        using var elsewhere = _app.ClientFor("coordinator.kostanay");

        await AssertLooksMissingAsync(elsewhere, "/api/referrals/{case}/consent", new { given = true, language = "kk", whatWasExplained = "Programme content.", limitsOfConfidentialityExplained = true, rightToWithdrawExplained = true }, caseId);
    }

    /// <summary>intake, submitter, sample, caller outside the case's scope, command path, body.</summary>
    public static TheoryData<string, string, string, string, string, string> OtherWorkflowCommands() => new()
    {
        { "/api/pre-release-plans", "socialworker.almaty", "pre-release-plan.json", "socialworker.kostanay", "/api/pre-release-plans/{case}/court-decisions", "{\"newReleaseDate\": \"2030-01-01\", \"decisionRef\": \"C-1\"}" },
        { "/api/pre-release-plans", "socialworker.almaty", "pre-release-plan.json", "socialworker.kostanay", "/api/pre-release-plans/{case}/contacts", "{\"attended\": true}" },
        { "/api/repatriation-cases", "consular.central", "repatriation-case.json", "socialworker.kostanay", "/api/repatriation-cases/{case}/arrival", "{}" },
        { "/api/repatriation-cases", "consular.central", "repatriation-case.json", "socialworker.kostanay", "/api/repatriation-cases/{case}/documents-restored", "{}" },
        { "/api/repatriation-cases", "consular.central", "repatriation-case.json", "socialworker.kostanay", "/api/repatriation-cases/{case}/consents/dna:m1", "{\"given\": true}" },
        { "/api/repatriation-cases", "consular.central", "repatriation-case.json", "socialworker.kostanay", "/api/repatriation-cases/{case}/family-agreements/c1", "{\"agreed\": true}" },
        { "/api/repatriation-cases", "consular.central", "repatriation-case.json", "socialworker.kostanay", "/api/repatriation-cases/{case}/closure", "{}" },
        { "/api/cso-access-requests", "focalpoint.cso-bridge", "cso-access-request.json", "coordinator.kostanay", "/api/cso-access-requests/{case}/reconsideration", "{\"reasons\": \"New evidence.\"}" },
        { "/api/cso-access-requests", "focalpoint.cso-bridge", "cso-access-request.json", "coordinator.kostanay", "/api/cso-access-requests/{case}/staff", "{\"staffId\": \"staff2.cso-bridge\"}" },
        { "/api/cso-access-requests", "focalpoint.cso-bridge", "cso-access-request.json", "coordinator.kostanay", "/api/cso-access-requests/{case}/renewal", "{}" },
        { "/api/cso-access-requests", "focalpoint.cso-bridge", "cso-access-request.json", "director.kostanay", "/api/cso-access-requests/{case}/suspension", "{\"facilityId\": \"kostanay\", \"reason\": \"Incident.\"}" },
        { "/api/cso-access-requests", "focalpoint.cso-bridge", "cso-access-request.json", "coordinator.kostanay", "/api/cso-access-requests/{case}/suspension-response", "{\"response\": \"We disagree.\"}" },
        { "/api/cso-access-requests", "focalpoint.cso-bridge", "cso-access-request.json", "coordinator.kostanay", "/api/cso-access-requests/{case}/visits", "{\"facilityId\": \"almaty\", \"visitAt\": \"2030-01-10T10:00:00Z\", \"staffIds\": [\"staff1.cso-bridge\"]}" },
    };

    [Theory]
    [MemberData(nameof(OtherWorkflowCommands))]
    public async Task Case_outside_the_callers_scope_looks_exactly_like_a_missing_case_to_every_fact_endpoint(string intake, string submitter, string sample, string caller, string path, string body)
    {
        var (caseId, _) = await CaseSteps.SubmitAsync(_app, intake, submitter, sample);
        using var elsewhere = _app.ClientFor(caller);

        await AssertLooksMissingAsync(elsewhere, path, System.Text.Json.Nodes.JsonNode.Parse(body), caseId);
    }

    private static async Task AssertLooksMissingAsync(HttpClient client, string path, object? body, string caseId)
    {
        var hidden = await client.PostAsJsonAsync(path.Replace("{case}", caseId, StringComparison.Ordinal), body);
        var missing = await client.PostAsJsonAsync(path.Replace("{case}", "case-does-not-exist", StringComparison.Ordinal), body);
        var hiddenText = await hidden.Content.ReadAsStringAsync();

        Assert.True(hidden.StatusCode == HttpStatusCode.NotFound, $"{path} on a hidden case: {(int)hidden.StatusCode} {hiddenText}");
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal(Shape(await missing.Content.ReadAsStringAsync()), Shape(hiddenText));
    }

    [Fact]
    public async Task Case_in_scope_is_readable_by_the_facility_coordinator()
    {
        using var coordinator = _app.ClientFor("coordinator.almaty");
        Assert.Equal(HttpStatusCode.OK, (await coordinator.GetAsync($"/api/cases/{_caseId}")).StatusCode);
    }

    [Fact]
    public async Task Someone_elses_task_cannot_be_decided_and_is_not_shown()
    {
        using var other = _app.ClientFor("director.almaty");
        var decide = await other.PostAsJsonAsync($"/api/tasks/{_taskId}/decision", new { decision = "approve" });
        Assert.Equal(HttpStatusCode.Forbidden, decide.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync($"/api/tasks/{_taskId}")).StatusCode);
    }

    [Fact]
    public async Task An_administrator_cannot_reassign_the_referral_to_its_referrer()
    {
        using var admin = _app.ClientFor("admin.central");

        var response = await admin.PostAsJsonAsync($"/api/tasks/{_taskId}/reassign", new { assigneeId = "referrer.almaty", reason = "Cover." });

        var problem = await CaseSteps.AssertProblemNamingAsync(response, HttpStatusCode.BadRequest, "assigneeId");
        Assert.Equal("NotAllowed", problem.GetProperty("codes").GetProperty("assigneeId")[0].GetString());
        Assert.Equal("coordinator.almaty", (await admin.GetFromJsonAsync<JsonElement>($"/api/tasks/{_taskId}")).GetProperty("task").GetProperty("assigneeId").GetString());
    }

    [Fact]
    public async Task The_referrer_cannot_approve_the_referral_they_submitted_even_as_its_assignee()
    {
        // Forced past every check that would stop it earlier: the referrer holds the task, so only
        // separation of duties (the referrer is excluded from deciding it) is left to refuse.
        var store = _app.Services.GetRequiredService<IApprovalTaskStore>();
        var task = await store.GetAsync(_taskId);
        Assert.True(await store.TryReplaceAsync(task! with { AssigneeId = "referrer.almaty" }));
        Assert.Contains("referrer.almaty", task!.ExcludedUserIds);
        using var referrer = _app.ClientFor("referrer.almaty");

        var decide = await referrer.PostAsJsonAsync($"/api/tasks/{_taskId}/decision", new { decision = "approve" });

        Assert.Equal(HttpStatusCode.Forbidden, decide.StatusCode);
        var stored = await store.GetAsync(_taskId);
        Assert.Equal(ApprovalTaskStatus.Open, stored!.Status);
        Assert.Equal("referrer.almaty", stored.AssigneeId);
        Assert.Contains(await CaseSteps.AuditAsync(_app, _caseId), e =>
            e.GetProperty("action").GetString() == "DecisionRefusedNotEntitled" && e.GetProperty("actorId").GetString() == "referrer.almaty");
    }

    [Fact]
    public async Task Reassigning_a_task_needs_an_administrator()
    {
        using var coordinator = _app.ClientFor("coordinator.almaty");
        var response = await coordinator.PostAsJsonAsync($"/api/tasks/{_taskId}/reassign", new { assigneeId = "deputy.almaty", reason = "cover" });
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task A_role_may_only_submit_what_it_may_submit()
    {
        using var coordinator = _app.ClientFor("coordinator.almaty");
        var body = await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "samples", "cso-access-request.json"));
        var response = await coordinator.PostAsync("/api/cso-access-requests", new StringContent(body, System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Theory]
    [InlineData("/healthz")]
    [InlineData("/openapi/v1.json")]
    [InlineData("/dev/directory")]
    [InlineData("/dev/outbox")]
    public async Task Public_and_development_endpoints_answer_without_identity(string path)
    {
        using var anonymous = _app.ClientFor(null);
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync(path)).StatusCode);
    }

    private static string Shape(string problem)
    {
        using var document = JsonDocument.Parse(problem);
        return string.Join('|', document.RootElement.EnumerateObject().Where(p => p.Name != "traceId").Select(p => $"{p.Name}={p.Value}"));
    }
}
