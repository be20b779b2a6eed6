using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Workflows.Functions.Tests;

/// <summary>
/// Drives a workflow to completion through the HTTP API only, as its people would: every open task is
/// decided by its assignee through <c>POST /api/tasks/{id}/decision</c>, facts are recorded through
/// the workflow's endpoints when the workflow waits for them, and the development clock is advanced
/// when the workflow waits on a timer. Every wait is on an observable condition, with a timeout.
/// </summary>
public sealed class WorkflowDriver(WorkflowsAppFactory app, string caseId, string instanceId)
{
    private const string Admin = "admin.central";
    private readonly HttpClient _admin = app.ClientFor(Admin);

    /// <summary>Facts to record when the workflow shows a step: step → (user, path, body).</summary>
    public Dictionary<string, List<(string User, string Path, object? Body)>> Facts { get; } = new(StringComparer.Ordinal);

    /// <summary>Steps that are waits on a timer: the driver moves the clock to their deadline.</summary>
    public HashSet<string> TimerSteps { get; } = new(StringComparer.Ordinal);

    /// <summary>Decisions made, for assertions.</summary>
    public List<string> Decided { get; } = [];

    /// <summary>Runs until the instance completes and returns its output.</summary>
    public async Task<JsonElement> RunToCompletionAsync(int maxRounds = 400) =>
        (await RunAsync(stopAt: null, maxRounds)).Body.GetProperty("output");

    /// <summary>Runs until a task on <paramref name="step"/> is open (left undecided) and returns it.</summary>
    public async Task<JsonElement> RunUntilOpenTaskAsync(string step, int maxRounds = 400) =>
        (await RunAsync(stopAt: step, maxRounds)).OpenTasks.First(t => t.GetProperty("step").GetString() == step);

    private async Task<Snapshot> RunAsync(string? stopAt, int maxRounds)
    {
        var factsDone = new HashSet<string>(StringComparer.Ordinal);
        for (var round = 0; round < maxRounds; round++)
        {
            var snapshot = await SnapshotAsync();
            if (snapshot.Status is "Completed" or "Failed" or "Terminated")
            {
                Assert.True(snapshot.Status == "Completed" && stopAt is null, $"{instanceId} ended as {snapshot.Status}: {snapshot.Body}");
                return snapshot;
            }

            if (stopAt is not null && snapshot.OpenTasks.Any(t => t.GetProperty("step").GetString() == stopAt))
            {
                return snapshot;
            }

            if (snapshot.OpenTasks.Count > 0)
            {
                foreach (var task in snapshot.OpenTasks)
                {
                    await DecideAsync(task);
                }

                var decided = snapshot.OpenTasks.Select(t => t.GetProperty("taskId").GetString()!).ToHashSet();
                await WaitUntilAsync(s => !s.OpenTasks.Any(t => decided.Contains(t.GetProperty("taskId").GetString()!)), "the decided tasks to close");
                continue;
            }

            var key = $"{snapshot.Step}@{snapshot.Deadline}";
            if (snapshot.Step is { } step && Facts.TryGetValue(step, out var facts) && factsDone.Add(key))
            {
                foreach (var (user, path, body) in facts)
                {
                    using var client = app.ClientFor(user);
                    var response = await client.PostAsJsonAsync(path, body ?? new { });
                    Assert.True(response.StatusCode is HttpStatusCode.OK or HttpStatusCode.Accepted, $"{path} as {user}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
                }

                await WaitUntilAsync(s => s.Key != key || s.OpenTasks.Count > 0 || s.Status != "Running", $"progress after the facts of {step}");
                continue;
            }

            if (snapshot.Step is { } waiting && TimerSteps.Contains(waiting) && snapshot.Deadline is { } deadline)
            {
                await AdvanceClockToAsync(deadline);
                await WaitUntilAsync(s => s.Key != key || s.OpenTasks.Count > 0 || s.Status != "Running", $"the timer of {waiting} to fire");
                continue;
            }

            await WaitUntilAsync(s => s.Key != key || s.OpenTasks.Count > 0 || s.Status != "Running", $"progress from step {snapshot.Step}");
        }

        throw new InvalidOperationException($"{instanceId} did not {(stopAt is null ? "complete" : "open a task on " + stopAt)} within {maxRounds} rounds.");
    }

    private async Task DecideAsync(JsonElement task)
    {
        var assignee = task.GetProperty("delegateId").GetString() ?? task.GetProperty("assigneeId").GetString();
        Assert.False(assignee is null, $"Task {task.GetProperty("taskId")} on {task.GetProperty("step")} has nobody to decide it.");
        var attributes = task.GetProperty("requiredAttributes").EnumerateArray()
            .Select(a => a.GetString()!)
            .ToDictionary(a => a, a => a switch { "riskLevel" => "Medium", "legalTrack" => "NoProsecution", _ => "ref-1" });
        using var client = app.ClientFor(assignee);
        var response = await client.PostAsJsonAsync($"/api/tasks/{task.GetProperty("taskId").GetString()}/decision", new { decision = "approve", attributes });
        if (response.StatusCode == HttpStatusCode.Conflict)
        {
            // The step concluded without this approver (a quorum reached, a veto): the task closed meanwhile.
            return;
        }

        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{assignee} approving {task.GetProperty("step")}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        Decided.Add($"{task.GetProperty("step").GetString()}:{assignee}");
    }

    private async Task AdvanceClockToAsync(DateTimeOffset deadline)
    {
        var clock = await _admin.GetFromJsonAsync<JsonElement>("/dev/clock");
        var now = clock.GetProperty("utcNow").GetDateTimeOffset();
        var by = deadline - now + TimeSpan.FromMinutes(1);
        if (by > TimeSpan.Zero)
        {
            var response = await _admin.PostAsync($"/dev/clock/advance?by={System.Xml.XmlConvert.ToString(by)}", null);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }
    }

    private async Task WaitUntilAsync(Func<Snapshot, bool> condition, string what)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        while (true)
        {
            var snapshot = await SnapshotAsync();
            if (condition(snapshot))
            {
                return;
            }

            if (timeout.IsCancellationRequested)
            {
                throw new TimeoutException($"Waiting for {what} on {instanceId}: still at step {snapshot.Step} ({snapshot.Status}).");
            }

            await Task.Delay(50, CancellationToken.None);
        }
    }

    private async Task<Snapshot> SnapshotAsync()
    {
        var body = await _admin.GetFromJsonAsync<JsonElement>($"/runtime/webhooks/durabletask/instances/{instanceId}");
        var tasks = await _admin.GetFromJsonAsync<JsonElement>($"/api/cases/{caseId}/tasks");
        var open = tasks.EnumerateArray()
            .Where(t => t.GetProperty("status").GetString() == "open" && t.GetProperty("kind").GetString() == "approval")
            .ToList();
        string? step = null;
        DateTimeOffset? deadline = null;
        if (body.TryGetProperty("customStatus", out var custom) && custom.ValueKind == JsonValueKind.Object)
        {
            step = custom.TryGetProperty("step", out var s) ? s.GetString() : null;
            deadline = custom.TryGetProperty("nextDeadline", out var d) && d.ValueKind == JsonValueKind.String ? d.GetDateTimeOffset() : null;
        }

        return new Snapshot(body.GetProperty("runtimeStatus").GetString()!, step, deadline, open, body);
    }

    private sealed record Snapshot(string Status, string? Step, DateTimeOffset? Deadline, List<JsonElement> OpenTasks, JsonElement Body)
    {
        public string Key => $"{Step}@{Deadline}";
    }
}
