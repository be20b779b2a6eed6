using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Workflows.Engine.Client;
using Workflows.Engine.Hosting;
using Workflows.Testing.Azurite;

namespace Workflows.Functions.Tests;

/// <summary>The management API answers with Durable Functions' shapes and status codes.</summary>
public sealed class ManagementApiTests : IAsyncLifetime
{
    private const string Admin = "admin.central";
    private const string Base = "/runtime/webhooks/durabletask";
    private readonly WorkflowsAppFactory _app;
    private HttpClient _admin = null!;

    public ManagementApiTests(AzuriteFixture azurite)
    {
        _app = new WorkflowsAppFactory(azurite, engine: Register);
    }

    public ValueTask InitializeAsync()
    {
        _admin = _app.ClientFor(Admin);
        return ValueTask.CompletedTask;
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    // Activity calls per input of Test.Flaky: its first call fails, later ones succeed (a fixed bug).
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, int> FlakyCalls = new(StringComparer.Ordinal);

    private static void Register(EngineBuilder engine) => engine
        .AddOrchestration<string, string>("Test.WaitForApproval", async (ctx, input) =>
        {
            ctx.SetCustomStatus(new { step = "waiting" });
            return $"{input}:{await ctx.WaitForExternalEvent<string>("approval")}";
        })
        .AddOrchestration<string, string>("Test.Fail", (_, _) => throw new InvalidOperationException("broken on purpose"))
        .AddOrchestration<string, string>("Test.FailOnce", async (ctx, input) => await ctx.CallActivityAsync<string>("Test.Flaky", input))
        .AddOrchestration<string, string>("Test.Echo", async (ctx, input) => await ctx.CallActivityAsync<string>("Test.Shout", input))
        .AddActivity<string, string>("Test.Flaky", input => FlakyCalls.AddOrUpdate(input, 1, (_, n) => n + 1) == 1
            ? throw new InvalidOperationException("fails the first time")
            : $"ok:{input}")
        .AddActivity<string, string>("Test.Shout", input => input.ToUpperInvariant());

    private async Task<JsonElement> StartAsync(string name, object? input = null, string? id = null)
    {
        var response = await _admin.PostAsJsonAsync($"{Base}/orchestrators/{name}{(id is null ? "" : "/" + id)}", input);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    private async Task<JsonElement> WaitForStatusAsync(string id, string status)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (true)
        {
            var body = await _admin.GetFromJsonAsync<JsonElement>($"{Base}/instances/{id}", timeout.Token);
            if (body.GetProperty("runtimeStatus").GetString() == status)
            {
                return body;
            }

            await Task.Delay(50, timeout.Token);
        }
    }

    [Fact]
    public async Task Start_returns_202_with_location_and_the_check_status_links_from_the_public_base_url()
    {
        var response = await _admin.PostAsJsonAsync($"{Base}/orchestrators/Test.WaitForApproval/start-links-1", "case-1");

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var status = $"{WorkflowsAppFactory.PublicBaseUrl}{Base}/instances/start-links-1";
        Assert.Equal(status, response.Headers.Location?.ToString());
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("start-links-1", body.GetProperty("id").GetString());
        Assert.Equal(status, body.GetProperty("statusQueryGetUri").GetString());
        Assert.Equal($"{status}/raiseEvent/{{eventName}}", body.GetProperty("sendEventPostUri").GetString());
        Assert.Equal($"{status}/terminate?reason={{text}}", body.GetProperty("terminatePostUri").GetString());
        Assert.Equal(status, body.GetProperty("purgeHistoryDeleteUri").GetString());
        Assert.Equal($"{status}/restart", body.GetProperty("restartPostUri").GetString());
        Assert.Equal($"{status}/suspend?reason={{text}}", body.GetProperty("suspendPostUri").GetString());
        Assert.Equal($"{status}/resume?reason={{text}}", body.GetProperty("resumePostUri").GetString());
    }

    [Fact]
    public async Task Get_of_a_running_instance_is_202_with_retry_after_and_of_a_completed_one_200()
    {
        var id = (await StartAsync("Test.WaitForApproval", "c")).GetProperty("id").GetString()!;
        await WaitForStatusAsync(id, "Running");

        var running = await _admin.GetAsync($"{Base}/instances/{id}");
        Assert.Equal(HttpStatusCode.Accepted, running.StatusCode);
        Assert.NotNull(running.Headers.RetryAfter);
        Assert.EndsWith($"/instances/{id}", running.Headers.Location!.ToString(), StringComparison.Ordinal);

        Assert.Equal(HttpStatusCode.Accepted, (await _admin.PostAsJsonAsync($"{Base}/instances/{id}/raiseEvent/approval", "yes")).StatusCode);
        var done = await WaitForStatusAsync(id, "Completed");
        Assert.Equal("c:yes", done.GetProperty("output").GetString());
        Assert.Equal("Test.WaitForApproval", done.GetProperty("name").GetString());
        Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$", done.GetProperty("createdTime").GetString()!);
        Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$", done.GetProperty("lastUpdatedTime").GetString()!);
        Assert.Equal(HttpStatusCode.OK, (await _admin.GetAsync($"{Base}/instances/{id}")).StatusCode);
    }

    [Fact]
    public async Task Get_with_history_returns_the_events_and_hides_outputs_unless_asked()
    {
        var id = (await StartAsync("Test.WaitForApproval", "secret-input")).GetProperty("id").GetString()!;
        await WaitForStatusAsync(id, "Running");

        var body = await _admin.GetFromJsonAsync<JsonElement>($"{Base}/instances/{id}?showHistory=true&showInput=false");
        var events = body.GetProperty("historyEvents").EnumerateArray().Select(e => e.GetProperty("eventType").GetString()).ToList();
        Assert.Contains("ExecutionStarted", events);
        Assert.Equal(JsonValueKind.Null, body.GetProperty("input").ValueKind);
        Assert.DoesNotContain("secret-input", body.GetRawText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unknown_instance_is_404_for_get_raise_terminate_and_purge()
    {
        Assert.Equal(HttpStatusCode.NotFound, (await _admin.GetAsync($"{Base}/instances/nobody")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await _admin.PostAsJsonAsync($"{Base}/instances/nobody/raiseEvent/x", "y")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await _admin.PostAsync($"{Base}/instances/nobody/terminate", null)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await _admin.DeleteAsync($"{Base}/instances/nobody")).StatusCode);
    }

    [Theory]
    [InlineData("suspend")]
    [InlineData("resume")]
    [InlineData("restart")]
    [InlineData("rewind")]
    public async Task Lifecycle_action_on_an_unknown_instance_is_404(string action)
    {
        var response = await _admin.PostAsync($"{Base}/instances/nobody/{action}", null);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Raising_an_event_on_a_completed_instance_is_410()
    {
        var id = (await StartAsync("Test.WaitForApproval", "c")).GetProperty("id").GetString()!;
        await WaitForStatusAsync(id, "Running");
        await _admin.PostAsJsonAsync($"{Base}/instances/{id}/raiseEvent/approval", "ok");
        await WaitForStatusAsync(id, "Completed");

        Assert.Equal(HttpStatusCode.Gone, (await _admin.PostAsJsonAsync($"{Base}/instances/{id}/raiseEvent/approval", "late")).StatusCode);
        Assert.Equal(HttpStatusCode.Gone, (await _admin.PostAsync($"{Base}/instances/{id}/terminate", null)).StatusCode);
    }

    [Fact]
    public async Task Raising_an_event_with_malformed_json_is_400_and_changes_nothing()
    {
        var id = (await StartAsync("Test.WaitForApproval", "c")).GetProperty("id").GetString()!;
        await WaitForStatusAsync(id, "Running");

        var response = await _admin.PostAsync($"{Base}/instances/{id}/raiseEvent/approval", new StringContent("{not json", System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("Running", (await _admin.GetFromJsonAsync<JsonElement>($"{Base}/instances/{id}")).GetProperty("runtimeStatus").GetString());
    }

    [Fact]
    public async Task Terminate_suspend_and_resume_are_202_and_take_effect()
    {
        var id = (await StartAsync("Test.WaitForApproval", "c")).GetProperty("id").GetString()!;
        await WaitForStatusAsync(id, "Running");

        Assert.Equal(HttpStatusCode.Accepted, (await _admin.PostAsync($"{Base}/instances/{id}/suspend?reason=check", null)).StatusCode);
        await WaitForStatusAsync(id, "Suspended");
        Assert.Equal(HttpStatusCode.Accepted, (await _admin.PostAsync($"{Base}/instances/{id}/resume?reason=ok", null)).StatusCode);
        await WaitForStatusAsync(id, "Running");
        Assert.Equal(HttpStatusCode.Accepted, (await _admin.PostAsync($"{Base}/instances/{id}/terminate?reason=withdrawn", null)).StatusCode);
        var terminated = await WaitForStatusAsync(id, "Terminated");
        Assert.Equal("withdrawn", terminated.GetProperty("output").GetString());
    }

    [Fact]
    public async Task Restart_of_a_failed_instance_is_202_with_a_new_instance_that_runs_again()
    {
        var id = (await StartAsync("Test.Fail", "x")).GetProperty("id").GetString()!;
        var failed = await WaitForStatusAsync(id, "Failed");
        Assert.Contains("broken on purpose", failed.GetProperty("output").GetString(), StringComparison.Ordinal);

        var restart = await _admin.PostAsync($"{Base}/instances/{id}/restart", null);

        Assert.Equal(HttpStatusCode.Accepted, restart.StatusCode);
        var newId = (await restart.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
        Assert.NotEqual(id, newId);
        Assert.Equal("Test.Fail", (await WaitForStatusAsync(newId, "Failed")).GetProperty("name").GetString());
    }

    [Fact]
    public async Task Rewind_of_a_failed_instance_is_202_and_it_runs_again_to_completion()
    {
        var input = "rewind-" + Guid.NewGuid().ToString("N")[..8];
        var id = (await StartAsync("Test.FailOnce", input)).GetProperty("id").GetString()!;
        await WaitForStatusAsync(id, "Failed");

        var rewind = await _admin.PostAsync($"{Base}/instances/{id}/rewind?reason=fixed", null);

        Assert.Equal(HttpStatusCode.Accepted, rewind.StatusCode);
        var completed = await WaitForStatusAsync(id, "Completed");
        Assert.Equal($"ok:{input}", completed.GetProperty("output").GetString());
    }

    [Fact]
    public async Task Rewind_of_a_running_instance_is_409_and_changes_nothing()
    {
        var id = (await StartAsync("Test.WaitForApproval", "c")).GetProperty("id").GetString()!;
        await WaitForStatusAsync(id, "Running");

        var rewind = await _admin.PostAsync($"{Base}/instances/{id}/rewind", null);

        Assert.Equal(HttpStatusCode.Conflict, rewind.StatusCode);
        Assert.Equal("Running", (await _admin.GetFromJsonAsync<JsonElement>($"{Base}/instances/{id}")).GetProperty("runtimeStatus").GetString());
    }

    [Fact]
    public async Task Get_of_a_pending_instance_is_202_with_location_and_retry_after()
    {
        var client = _app.Services.GetRequiredService<OrchestrationClient>();
        var clock = _app.Services.GetRequiredService<TimeProvider>();
        var id = await client.ScheduleNewOrchestrationAsync("Test.WaitForApproval", "later", new StartOrchestrationOptions { StartAt = clock.GetUtcNow().AddDays(1) });

        var response = await _admin.GetAsync($"{Base}/instances/{id}");

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal("Pending", (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("runtimeStatus").GetString());
        Assert.NotNull(response.Headers.RetryAfter);
        Assert.EndsWith($"/instances/{id}", response.Headers.Location!.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Get_of_a_suspended_instance_is_202()
    {
        var id = (await StartAsync("Test.WaitForApproval", "c")).GetProperty("id").GetString()!;
        await WaitForStatusAsync(id, "Running");
        Assert.Equal(HttpStatusCode.Accepted, (await _admin.PostAsync($"{Base}/instances/{id}/suspend", null)).StatusCode);
        await WaitForStatusAsync(id, "Suspended");

        var response = await _admin.GetAsync($"{Base}/instances/{id}");

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.NotNull(response.Headers.RetryAfter);
    }

    [Fact]
    public async Task Get_with_history_output_shows_inputs_and_results_of_the_events()
    {
        var id = (await StartAsync("Test.Echo", "quiet words")).GetProperty("id").GetString()!;
        await WaitForStatusAsync(id, "Completed");

        var hidden = await _admin.GetFromJsonAsync<JsonElement>($"{Base}/instances/{id}?showHistory=true&showInput=false");
        var shown = await _admin.GetFromJsonAsync<JsonElement>($"{Base}/instances/{id}?showHistory=true&showHistoryOutput=true&showInput=false");

        Assert.DoesNotContain("QUIET WORDS", hidden.GetProperty("historyEvents").GetRawText(), StringComparison.Ordinal);
        Assert.DoesNotContain("quiet words", hidden.GetProperty("historyEvents").GetRawText(), StringComparison.Ordinal);
        var events = shown.GetProperty("historyEvents").EnumerateArray().ToList();
        Assert.Contains(events, e => e.GetProperty("eventType").GetString() == "TaskCompleted" && e.GetProperty("result").GetRawText().Contains("QUIET WORDS", StringComparison.Ordinal));
        Assert.Contains(events, e => e.GetProperty("eventType").GetString() == "ExecutionStarted" && e.GetProperty("input").GetRawText().Contains("quiet words", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Purge_deletes_a_finished_instance_and_reports_the_count()
    {
        var id = (await StartAsync("Test.Fail", "x")).GetProperty("id").GetString()!;
        await WaitForStatusAsync(id, "Failed");

        var response = await _admin.DeleteAsync($"{Base}/instances/{id}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(1, (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("instancesDeleted").GetInt32());
        Assert.Equal(HttpStatusCode.NotFound, (await _admin.GetAsync($"{Base}/instances/{id}")).StatusCode);
    }

    [Fact]
    public async Task Purge_of_an_instance_of_a_case_is_audited_in_that_cases_trail()
    {
        var caseId = "case-purge-" + Guid.NewGuid().ToString("N")[..8];
        var client = _app.Services.GetRequiredService<OrchestrationClient>();
        var id = await client.ScheduleNewOrchestrationAsync(
            "Test.Fail",
            "x",
            new StartOrchestrationOptions { Tags = new Dictionary<string, string> { [Workflows.WorkflowNames.CaseTag] = caseId } });
        await WaitForStatusAsync(id, "Failed");

        Assert.Equal(HttpStatusCode.OK, (await _admin.DeleteAsync($"{Base}/instances/{id}")).StatusCode);

        var entries = await _app.Services.GetRequiredService<Workflows.Audit.IAuditLog>().ReadAsync(caseId);
        var purge = Assert.Single(entries, e => e.Action == "Management.purge");
        Assert.Equal(id, purge.Ids["instanceId"]);
    }

    [Fact]
    public async Task Purge_by_filter_of_an_instance_of_a_case_is_audited_in_that_cases_trail()
    {
        var caseId = "case-purge-" + Guid.NewGuid().ToString("N")[..8];
        var prefix = "purge-case-" + Guid.NewGuid().ToString("N")[..8];
        var client = _app.Services.GetRequiredService<OrchestrationClient>();
        var id = await client.ScheduleNewOrchestrationAsync(
            "Test.Fail",
            "x",
            new StartOrchestrationOptions { InstanceId = prefix + "-0", Tags = new Dictionary<string, string> { [Workflows.WorkflowNames.CaseTag] = caseId } });
        await WaitForStatusAsync(id, "Failed");

        Assert.Equal(HttpStatusCode.OK, (await _admin.DeleteAsync($"{Base}/instances?instanceIdPrefix={prefix}")).StatusCode);

        var entries = await _app.Services.GetRequiredService<Workflows.Audit.IAuditLog>().ReadAsync(caseId);
        var purge = Assert.Single(entries, e => e.Action == "Management.purge");
        Assert.Equal(id, purge.Ids["instanceId"]);
    }

    [Fact]
    public async Task Purge_by_filter_without_a_filter_is_400_and_deletes_nothing()
    {
        var id = (await StartAsync("Test.Fail", "x")).GetProperty("id").GetString()!;
        await WaitForStatusAsync(id, "Failed");

        var response = await _admin.DeleteAsync($"{Base}/instances?runtimeStatus=Failed");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await _admin.GetAsync($"{Base}/instances/{id}")).StatusCode);
    }

    [Fact]
    public async Task Purge_by_filter_of_a_running_status_is_400()
    {
        var response = await _admin.DeleteAsync($"{Base}/instances?instanceIdPrefix=any&runtimeStatus=Running");

        await CaseSteps.AssertProblemNamingAsync(response, HttpStatusCode.BadRequest, "runtimeStatus");
    }

    [Fact]
    public async Task Purge_by_filter_deletes_the_finished_instances_it_matches_and_reports_the_count()
    {
        var prefix = "purge-" + Guid.NewGuid().ToString("N")[..8];
        for (var i = 0; i < 2; i++)
        {
            await StartAsync("Test.Fail", "x", $"{prefix}-failed-{i}");
            await WaitForStatusAsync($"{prefix}-failed-{i}", "Failed");
        }

        await StartAsync("Test.WaitForApproval", "x", $"{prefix}-running");
        await WaitForStatusAsync($"{prefix}-running", "Running");

        var response = await _admin.DeleteAsync($"{Base}/instances?instanceIdPrefix={prefix}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(2, (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("instancesDeleted").GetInt32());
        Assert.Equal(HttpStatusCode.NotFound, (await _admin.GetAsync($"{Base}/instances/{prefix}-failed-0")).StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, (await _admin.GetAsync($"{Base}/instances/{prefix}-running")).StatusCode);
    }

    [Fact]
    public async Task List_filters_by_status_and_prefix_and_pages_with_the_continuation_header()
    {
        var prefix = "page-" + Guid.NewGuid().ToString("N")[..8];
        for (var i = 0; i < 3; i++)
        {
            await StartAsync("Test.WaitForApproval", "p", $"{prefix}-{i}");
        }

        for (var i = 0; i < 3; i++)
        {
            await WaitForStatusAsync($"{prefix}-{i}", "Running");
        }

        var seen = new List<string>();
        string? token = null;
        do
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, $"{Base}/instances?runtimeStatus=Running&instanceIdPrefix={prefix}&top=2");
            if (token is not null)
            {
                request.Headers.Add("x-ms-continuation-token", token);
            }

            var response = await _admin.SendAsync(request);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var page = await response.Content.ReadFromJsonAsync<JsonElement>();
            Assert.True(page.GetArrayLength() <= 2);
            seen.AddRange(page.EnumerateArray().Select(e => e.GetProperty("instanceId").GetString()!));
            token = response.Headers.TryGetValues("x-ms-continuation-token", out var values) ? values.Single() : null;
        }
        while (token is not null);

        Assert.Equal(3, seen.Distinct().Count());
    }

    [Fact]
    public async Task List_with_an_unknown_status_is_400_naming_the_parameter()
    {
        var response = await _admin.GetAsync($"{Base}/instances?runtimeStatus=Sleeping");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("runtimeStatus", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Management_api_needs_an_administrator()
    {
        using var anonymous = _app.ClientFor(null);
        using var coordinator = _app.ClientFor("coordinator.almaty");
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync($"{Base}/instances")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await coordinator.GetAsync($"{Base}/instances")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await coordinator.PostAsJsonAsync($"{Base}/orchestrators/Test.WaitForApproval", "x")).StatusCode);
    }
}
