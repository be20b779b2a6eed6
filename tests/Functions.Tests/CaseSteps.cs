using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace Workflows.Functions.Tests;

/// <summary>
/// Steps shared by the API tests: submitting a sample request, waiting (on the observable task list,
/// with a timeout) for a workflow's open task, reading counts that show whether anything was written.
/// </summary>
public static class CaseSteps
{
    /// <summary>The administrator every test uses to observe (the management API and case task lists).</summary>
    public const string Admin = "admin.central";

    /// <summary>An inspector: reads audit trails.</summary>
    public const string Inspector = "inspector.central";

    /// <summary>The body of a sample request in functions/samples.</summary>
    public static string Sample(string file) => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "samples", file));

    /// <summary>A JSON body.</summary>
    public static StringContent Json(string text) => new(text, Encoding.UTF8, "application/json");

    /// <summary>Submits a sample to an intake endpoint and returns the case id and instance id from the 202.</summary>
    public static async Task<(string CaseId, string InstanceId)> SubmitAsync(WorkflowsAppFactory app, string path, string user, string sample)
    {
        using var client = app.ClientFor(user);
        var response = await client.PostAsync(path, Json(Sample(sample)));
        Assert.True(response.StatusCode == HttpStatusCode.Accepted, $"{path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        return (body.GetProperty("caseId").GetString()!, body.GetProperty("id").GetString()!);
    }

    /// <summary>Submits the sample referral (referrer.almaty) and returns its case id.</summary>
    public static async Task<string> SubmitReferralAsync(WorkflowsAppFactory app) =>
        (await SubmitAsync(app, "/api/referrals", "referrer.almaty", "referral.json")).CaseId;

    /// <summary>Waits until the case has an open task (optionally on a step) and returns it.</summary>
    public static async Task<JsonElement> OpenTaskAsync(WorkflowsAppFactory app, string caseId, string? step = null)
    {
        using var admin = app.ClientFor(Admin);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        while (true)
        {
            var tasks = await admin.GetFromJsonAsync<JsonElement>($"/api/cases/{caseId}/tasks", timeout.Token);
            var open = tasks.EnumerateArray().FirstOrDefault(t =>
                t.GetProperty("status").GetString() == "open" && (step is null || t.GetProperty("step").GetString() == step));
            if (open.ValueKind == JsonValueKind.Object)
            {
                return open;
            }

            await Task.Delay(50, timeout.Token);
        }
    }

    /// <summary>How many instances exist whose id starts with <paramref name="prefix"/>.</summary>
    public static async Task<int> InstanceCountAsync(WorkflowsAppFactory app, string prefix)
    {
        using var admin = app.ClientFor(Admin);
        var list = await admin.GetFromJsonAsync<JsonElement>($"/runtime/webhooks/durabletask/instances?instanceIdPrefix={prefix}&top=1000");
        return list.GetArrayLength();
    }

    /// <summary>The case's audit entries, read as an inspector.</summary>
    public static async Task<List<JsonElement>> AuditAsync(WorkflowsAppFactory app, string caseId)
    {
        using var inspector = app.ClientFor(Inspector);
        var trail = await inspector.GetFromJsonAsync<JsonElement>($"/api/cases/{caseId}/audit");
        return [.. trail.GetProperty("entries").EnumerateArray()];
    }

    /// <summary>The status of a task as its store has it (camelCase, as the API shows it).</summary>
    public static async Task<string> TaskStatusAsync(WorkflowsAppFactory app, string taskId)
    {
        using var admin = app.ClientFor(Admin);
        var body = await admin.GetFromJsonAsync<JsonElement>($"/api/tasks/{taskId}");
        return body.GetProperty("task").GetProperty("status").GetString()!;
    }

    /// <summary>Asserts a 4xx ProblemDetails that names <paramref name="field"/> in its errors.</summary>
    public static async Task<JsonElement> AssertProblemNamingAsync(HttpResponseMessage response, HttpStatusCode status, string field)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == status, $"Expected {(int)status}, got {(int)response.StatusCode}: {text}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonDocument.Parse(text).RootElement.Clone();
        Assert.True(problem.TryGetProperty("errors", out var errors) && errors.TryGetProperty(field, out _), $"The problem does not name '{field}': {text}");
        return problem;
    }

    /// <summary>A ProblemDetails body without its trace id, to compare two answers.</summary>
    public static string ProblemShape(string problem)
    {
        using var document = JsonDocument.Parse(problem);
        return string.Join('|', document.RootElement.EnumerateObject().Where(p => p.Name != "traceId").Select(p => $"{p.Name}={p.Value}"));
    }
}
