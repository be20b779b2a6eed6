using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
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

    public static TheoryData<string, string> ProtectedEndpoints() => new()
    {
        { "GET", "/api/tasks" },
        { "GET", "/api/cases/case-x" },
        { "GET", "/api/cases/case-x/audit" },
        { "POST", "/api/referrals" },
        { "POST", "/api/complaints" },
        { "POST", "/api/tasks/t-1/decision" },
        { "GET", "/runtime/webhooks/durabletask/instances" },
    };

    [Theory]
    [MemberData(nameof(ProtectedEndpoints))]
    public async Task Without_identity_every_api_answers_401(string method, string path)
    {
        using var anonymous = _app.ClientFor(null);
        var response = await anonymous.SendAsync(new HttpRequestMessage(new HttpMethod(method), path) { Content = method == "POST" ? JsonContent.Create(new { }) : null });
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

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
    public async Task The_referrer_cannot_approve_the_referral_they_submitted()
    {
        using var referrer = _app.ClientFor("referrer.almaty");
        var decide = await referrer.PostAsJsonAsync($"/api/tasks/{_taskId}/decision", new { decision = "approve" });
        Assert.Equal(HttpStatusCode.Forbidden, decide.StatusCode);
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
