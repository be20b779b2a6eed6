using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Workflows.Testing.Azurite;

namespace Workflows.Functions.Tests;

/// <summary>The task API: the inbox and its filters, one task, decisions, delegation.</summary>
public sealed class TaskApiTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private const string Coordinator = "coordinator.almaty";
    private readonly WorkflowsAppFactory _app = new(azurite);

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    /// <summary>Submits a referral and waits until its screening task is in the coordinator's inbox (the store's per-person index is written after the task).</summary>
    private async Task<string> EligibilityTaskAsync()
    {
        var caseId = await CaseSteps.SubmitReferralAsync(_app);
        await WaitForInboxTaskOfCaseAsync(Coordinator, caseId);
        return (await CaseSteps.OpenTaskAsync(_app, caseId, "eligibilityScreening")).GetProperty("taskId").GetString()!;
    }

    private async Task<JsonElement> WaitForInboxTaskOfCaseAsync(string user, string caseId)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        while (true)
        {
            if (await InboxTaskOfCaseAsync(user, caseId) is { } task)
            {
                return task;
            }

            await Task.Delay(50, timeout.Token);
        }
    }

    private static async Task<List<string>> InboxAsync(HttpClient client, string query = "")
    {
        var response = await client.GetAsync("/api/tasks" + query);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var list = await response.Content.ReadFromJsonAsync<JsonElement>();
        return [.. list.EnumerateArray().Select(t => t.GetProperty("taskId").GetString()!)];
    }

    [Fact]
    public async Task Get_of_an_own_task_is_200_with_the_task_and_the_decisions_of_its_step()
    {
        var taskId = await EligibilityTaskAsync();
        using var coordinator = _app.ClientFor(Coordinator);

        var response = await coordinator.GetAsync($"/api/tasks/{taskId}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(taskId, body.GetProperty("task").GetProperty("taskId").GetString());
        Assert.Equal("eligibilityScreening", body.GetProperty("task").GetProperty("step").GetString());
        Assert.Equal(Coordinator, body.GetProperty("task").GetProperty("assigneeId").GetString());
        Assert.Equal(0, body.GetProperty("decisions").GetArrayLength());
    }

    [Fact]
    public async Task Deciding_a_task_twice_is_409_and_the_first_decision_stands()
    {
        var taskId = await EligibilityTaskAsync();
        using var coordinator = _app.ClientFor(Coordinator);
        Assert.Equal(HttpStatusCode.OK, (await coordinator.PostAsJsonAsync($"/api/tasks/{taskId}/decision", new { decision = "approve" })).StatusCode);

        var second = await coordinator.PostAsJsonAsync($"/api/tasks/{taskId}/decision", new { decision = "reject", comment = "Changed my mind." });

        Assert.Equal(HttpStatusCode.Conflict, second.StatusCode);
        var task = (await coordinator.GetFromJsonAsync<JsonElement>($"/api/tasks/{taskId}")).GetProperty("task");
        Assert.Equal("decided", task.GetProperty("status").GetString());
        Assert.Equal("approve", task.GetProperty("decision").GetString());
    }

    [Fact]
    public async Task The_assignee_delegates_and_the_delegate_decides_on_their_behalf()
    {
        var taskId = await EligibilityTaskAsync();
        using var coordinator = _app.ClientFor(Coordinator);
        using var deputy = _app.ClientFor("deputy.almaty");

        var delegated = await coordinator.PostAsJsonAsync($"/api/tasks/{taskId}/delegate", new { delegateId = "deputy.almaty", comment = "On leave this week." });
        Assert.Equal(HttpStatusCode.OK, delegated.StatusCode);
        Assert.Contains(taskId, await InboxAsync(deputy));

        Assert.Equal(HttpStatusCode.OK, (await deputy.PostAsJsonAsync($"/api/tasks/{taskId}/decision", new { decision = "approve" })).StatusCode);
        var task = (await coordinator.GetFromJsonAsync<JsonElement>($"/api/tasks/{taskId}")).GetProperty("task");
        Assert.Equal("deputy.almaty", task.GetProperty("decidedBy").GetString());
        Assert.Equal(Coordinator, task.GetProperty("onBehalfOf").GetString());
    }

    [Fact]
    public async Task Someone_who_is_not_the_assignee_cannot_delegate_the_task()
    {
        var taskId = await EligibilityTaskAsync();
        using var director = _app.ClientFor("director.almaty");

        var response = await director.PostAsJsonAsync($"/api/tasks/{taskId}/delegate", new { delegateId = "deputy.almaty" });

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        using var coordinator = _app.ClientFor(Coordinator);
        var task = (await coordinator.GetFromJsonAsync<JsonElement>($"/api/tasks/{taskId}")).GetProperty("task");
        Assert.Equal(JsonValueKind.Null, task.GetProperty("delegateId").ValueKind);
    }

    [Fact]
    public async Task The_inbox_filters_by_workflow_and_kind()
    {
        var taskId = await EligibilityTaskAsync();
        using var coordinator = _app.ClientFor(Coordinator);

        Assert.Contains(taskId, await InboxAsync(coordinator, "?workflow=referral"));
        Assert.DoesNotContain(taskId, await InboxAsync(coordinator, "?workflow=complaint"));
        Assert.Contains(taskId, await InboxAsync(coordinator, "?kind=approval"));
        Assert.DoesNotContain(taskId, await InboxAsync(coordinator, "?kind=clarification"));
    }

    [Fact]
    public async Task The_inbox_sorts_by_creation_both_ways()
    {
        var first = await EligibilityTaskAsync();
        var second = await EligibilityTaskAsync();
        using var coordinator = _app.ClientFor(Coordinator);

        var oldestFirst = (await InboxAsync(coordinator, "?sort=created")).Where(id => id == first || id == second).ToList();
        var newestFirst = (await InboxAsync(coordinator, "?sort=-created")).Where(id => id == first || id == second).ToList();

        Assert.Equal([first, second], oldestFirst);
        Assert.Equal([second, first], newestFirst);
    }

    [Fact]
    public async Task The_inbox_sorted_by_due_date_lists_the_soonest_first()
    {
        await EligibilityTaskAsync();
        await EligibilityTaskAsync();
        using var coordinator = _app.ClientFor(Coordinator);

        var list = await coordinator.GetFromJsonAsync<JsonElement>("/api/tasks?sort=due");
        var dues = list.EnumerateArray().Select(t => t.GetProperty("due").GetDateTimeOffset()).ToList();

        Assert.True(dues.Count >= 2);
        Assert.Equal(dues.Order(), dues);
    }

    [Fact]
    public async Task The_overdue_filter_follows_the_clock()
    {
        var taskId = await EligibilityTaskAsync();
        using var coordinator = _app.ClientFor(Coordinator);
        Assert.Contains(taskId, await InboxAsync(coordinator, "?overdue=false"));
        Assert.DoesNotContain(taskId, await InboxAsync(coordinator, "?overdue=true"));

        // Just past the due date, before the escalation that would reassign it (a working day later).
        var task = (await coordinator.GetFromJsonAsync<JsonElement>($"/api/tasks/{taskId}")).GetProperty("task");
        var now = (await coordinator.GetFromJsonAsync<JsonElement>("/dev/clock")).GetProperty("utcNow").GetDateTimeOffset();
        var by = task.GetProperty("due").GetDateTimeOffset() - now + TimeSpan.FromMinutes(30);
        Assert.Equal(HttpStatusCode.OK, (await coordinator.PostAsync($"/dev/clock/advance?by={System.Xml.XmlConvert.ToString(by)}", null)).StatusCode);

        Assert.Contains(taskId, await InboxAsync(coordinator, "?overdue=true"));
        Assert.DoesNotContain(taskId, await InboxAsync(coordinator, "?overdue=false"));
    }

    private async Task<JsonElement?> InboxTaskOfCaseAsync(string user, string caseId)
    {
        using var client = _app.ClientFor(user);
        var list = await client.GetFromJsonAsync<JsonElement>("/api/tasks");
        var found = list.EnumerateArray().FirstOrDefault(t => t.GetProperty("caseId").GetString() == caseId);
        return found.ValueKind == JsonValueKind.Object ? found : null;
    }

    [Fact]
    public async Task The_inbox_and_the_task_show_when_the_open_task_escalates_next()
    {
        var taskId = await EligibilityTaskAsync();
        using var coordinator = _app.ClientFor(Coordinator);

        var inboxItem = (await coordinator.GetFromJsonAsync<JsonElement>("/api/tasks")).EnumerateArray().Single(t => t.GetProperty("taskId").GetString() == taskId);
        var task = (await coordinator.GetFromJsonAsync<JsonElement>($"/api/tasks/{taskId}")).GetProperty("task");

        // The screening's only escalation is at working day 6, after its deadline of 5 working days.
        var escalatesAt = task.GetProperty("escalatesAt").GetDateTimeOffset();
        Assert.Equal(escalatesAt, inboxItem.GetProperty("escalatesAt").GetDateTimeOffset());
        Assert.True(escalatesAt > task.GetProperty("due").GetDateTimeOffset(), $"escalatesAt {escalatesAt:O} is not after the due date");
    }

    [Fact]
    public async Task Moving_the_clock_to_escalates_at_escalates_the_task_to_the_regions_head_of_rehabilitation()
    {
        var caseId = await CaseSteps.SubmitReferralAsync(_app);
        var taskId = (await WaitForInboxTaskOfCaseAsync(Coordinator, caseId)).GetProperty("taskId").GetString()!;
        using var coordinator = _app.ClientFor(Coordinator);
        var escalatesAt = (await coordinator.GetFromJsonAsync<JsonElement>($"/api/tasks/{taskId}")).GetProperty("task").GetProperty("escalatesAt").GetString()!;

        var advanced = await coordinator.PostAsync($"/dev/clock/advance?to={Uri.EscapeDataString(escalatesAt)}", null);

        Assert.Equal(HttpStatusCode.OK, advanced.StatusCode);
        var escalated = await WaitForInboxTaskOfCaseAsync("headrehab.south", caseId);
        Assert.Equal("eligibilityScreening", escalated.GetProperty("step").GetString());
    }

    [Fact]
    public async Task A_decided_task_has_no_escalation_time()
    {
        var taskId = await EligibilityTaskAsync();
        using var coordinator = _app.ClientFor(Coordinator);
        Assert.Equal(HttpStatusCode.OK, (await coordinator.PostAsJsonAsync($"/api/tasks/{taskId}/decision", new { decision = "approve" })).StatusCode);

        var task = (await coordinator.GetFromJsonAsync<JsonElement>($"/api/tasks/{taskId}")).GetProperty("task");

        Assert.Equal(JsonValueKind.Null, task.GetProperty("escalatesAt").ValueKind);
    }

    [Fact]
    public async Task The_inbox_and_the_task_show_the_values_the_policy_allows_for_each_attribute()
    {
        var caseId = await CaseSteps.SubmitReferralAsync(_app);
        var screening = await WaitForInboxTaskOfCaseAsync(Coordinator, caseId);
        Assert.Empty(screening.GetProperty("attributeValues").EnumerateObject());
        using var coordinator = _app.ClientFor(Coordinator);
        Assert.Equal(HttpStatusCode.OK, (await coordinator.PostAsJsonAsync($"/api/tasks/{screening.GetProperty("taskId").GetString()}/decision", new { decision = "approve" })).StatusCode);

        var assessorId = (await CaseSteps.OpenTaskAsync(_app, caseId, "riskAssessment")).GetProperty("assigneeId").GetString()!;
        var assessment = await WaitForInboxTaskOfCaseAsync(assessorId, caseId);
        using var assessor = _app.ClientFor(assessorId);
        var task = (await assessor.GetFromJsonAsync<JsonElement>($"/api/tasks/{assessment.GetProperty("taskId").GetString()}")).GetProperty("task");

        Assert.Equal("riskAssessment", assessment.GetProperty("step").GetString());
        Assert.Equal(["Low", "Medium", "High"], assessment.GetProperty("attributeValues").GetProperty("riskLevel").EnumerateArray().Select(v => v.GetString()));
        Assert.Equal(["Low", "Medium", "High"], task.GetProperty("attributeValues").GetProperty("riskLevel").EnumerateArray().Select(v => v.GetString()));
    }
}
