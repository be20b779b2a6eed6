using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Azure.Data.Tables;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Workflows.Approvals;
using Workflows.Functions.Approvals;
using Workflows.Storage;
using Workflows.Testing.Azurite;

namespace Workflows.Functions.Tests;

/// <summary>
/// What protects an approval link beyond its token: sign-in when configured, the public entry rate
/// limit, storage of the token's hash only, and an expiry that never outlives the task.
/// </summary>
public sealed partial class ApprovalLinkProtectionTests(AzuriteFixture azurite)
{
    private const string Approver = "complaints.almaty";

    private static async Task<(string TaskId, ApprovalLink Link)> OpenTaskWithLinkAsync(WorkflowsAppFactory app, TimeSpan? lifetime = null)
    {
        var (caseId, _) = await CaseSteps.SubmitAsync(app, "/api/complaints", "socialworker.almaty", "complaint.json");
        var taskId = (await CaseSteps.OpenTaskAsync(app, caseId)).GetProperty("taskId").GetString()!;
        var clock = app.Services.GetRequiredService<TimeProvider>();
        var link = await app.Services.GetRequiredService<IApprovalLinks>().IssueAsync(taskId, Approver, clock.GetUtcNow() + (lifetime ?? TimeSpan.FromDays(1)));
        return (taskId, link);
    }

    private static HttpClient Browser(WorkflowsAppFactory app, string? user = null)
    {
        var browser = app.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        if (user is not null)
        {
            browser.DefaultRequestHeaders.Add("X-Dev-User", user);
        }

        return browser;
    }

    private static async Task<ApprovalTask> StoredTaskAsync(WorkflowsAppFactory app, string taskId) =>
        (await app.Services.GetRequiredService<IApprovalTaskStore>().GetAsync(taskId))!;

    private static TableClient LinkTable(WorkflowsAppFactory app) =>
        app.Services.GetRequiredService<TableServiceClient>().GetTableClient(app.Services.GetRequiredService<IOptions<WorkflowStorageOptions>>().Value.TableName("ApprovalLinks"));

    private static string TokenOf(ApprovalLink link) => link.Open.AbsolutePath["/approvals/".Length..];

    private static string Hash(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    private static WorkflowsAppFactory SignInRequired(AzuriteFixture azurite) =>
        new(azurite, settings: new Dictionary<string, string?> { ["Workflows:ApprovalLinks:RequireSignIn"] = "true" });

    /// <summary>The labels of the case facts the confirmation page shows (English).</summary>
    private static List<string> FactLabels(string page) =>
        [.. FactLabel().Matches(page).Select(m => m.Groups[1].Value)];

    [Fact]
    public async Task With_the_default_message_facts_a_visitor_holding_only_the_link_sees_the_case_reference_and_step_only()
    {
        await using var app = new WorkflowsAppFactory(azurite);
        var (_, link) = await OpenTaskWithLinkAsync(app);
        using var browser = Browser(app);

        var page = await browser.GetStringAsync(link.Open.PathAndQuery);

        Assert.Equal(["Case reference", "Step"], FactLabels(page));
    }

    [Fact]
    public async Task The_approver_signed_in_also_sees_the_workflow_and_the_due_date()
    {
        await using var app = new WorkflowsAppFactory(azurite);
        var (_, link) = await OpenTaskWithLinkAsync(app);
        using var browser = Browser(app, Approver);

        var page = await browser.GetStringAsync(link.Open.PathAndQuery);

        Assert.Equal(["Case reference", "Workflow", "Step", "Due"], FactLabels(page));
    }

    [Fact]
    public async Task Someone_else_signed_in_holding_the_link_sees_only_the_allowed_facts()
    {
        await using var app = new WorkflowsAppFactory(azurite);
        var (_, link) = await OpenTaskWithLinkAsync(app);
        using var browser = Browser(app, "coordinator.almaty");

        var page = await browser.GetStringAsync(link.Open.PathAndQuery);

        Assert.Equal(["Case reference", "Step"], FactLabels(page));
    }

    [Fact]
    public async Task Message_facts_that_allow_the_workflow_and_due_date_show_them_to_a_visitor_holding_only_the_link()
    {
        await using var app = new WorkflowsAppFactory(azurite, settings: new Dictionary<string, string?> { ["Workflows:Notifications:MessageFacts"] = "CaseReference, Step, Workflow, Due" });
        var (_, link) = await OpenTaskWithLinkAsync(app);
        using var browser = Browser(app);

        var page = await browser.GetStringAsync(link.Open.PathAndQuery);

        Assert.Equal(["Case reference", "Workflow", "Step", "Due"], FactLabels(page));
    }

    [Fact]
    public async Task With_sign_in_required_an_anonymous_visitor_is_sent_to_sign_in_and_nothing_is_decided()
    {
        await using var app = SignInRequired(azurite);
        var (taskId, link) = await OpenTaskWithLinkAsync(app);
        using var browser = Browser(app);

        var response = await browser.GetAsync(link.Approve.PathAndQuery);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/signin", response.Headers.Location!.IsAbsoluteUri ? response.Headers.Location.PathAndQuery : response.Headers.Location.OriginalString, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(ApprovalTaskStatus.Open, (await StoredTaskAsync(app, taskId)).Status);
    }

    [Fact]
    public async Task With_sign_in_required_another_signed_in_user_is_refused_with_403()
    {
        await using var app = SignInRequired(azurite);
        var (taskId, link) = await OpenTaskWithLinkAsync(app);
        using var browser = Browser(app, "coordinator.almaty");

        var response = await browser.GetAsync(link.Open.PathAndQuery);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.DoesNotContain("name=\"Decision\"", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(ApprovalTaskStatus.Open, (await StoredTaskAsync(app, taskId)).Status);
    }

    [Fact]
    public async Task With_sign_in_required_the_approver_signed_in_decides()
    {
        await using var app = SignInRequired(azurite);
        var (taskId, link) = await OpenTaskWithLinkAsync(app);
        using var browser = Browser(app, Approver);
        var page = await browser.GetStringAsync(link.Open.PathAndQuery);
        var token = AntiforgeryField().Match(page).Groups[1].Value;

        var response = await browser.PostAsync(link.Open.PathAndQuery, new FormUrlEncodedContent(new Dictionary<string, string> { ["Decision"] = "approve", ["__RequestVerificationToken"] = token }));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(Approver, (await StoredTaskAsync(app, taskId)).DecidedBy);
    }

    [Fact]
    public async Task Approval_links_are_rate_limited_with_429_and_retry_after()
    {
        await using var app = new WorkflowsAppFactory(azurite, settings: new Dictionary<string, string?> { ["Workflows:RateLimits:PublicEntryPerMinute"] = "3" });
        var (_, link) = await OpenTaskWithLinkAsync(app);
        using var browser = Browser(app);
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync(link.Open.PathAndQuery)).StatusCode);
        }

        var limited = await browser.GetAsync(link.Open.PathAndQuery);

        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        Assert.NotNull(limited.Headers.RetryAfter);
    }

    [Fact]
    public async Task Only_the_hash_of_the_token_is_stored()
    {
        await using var app = new WorkflowsAppFactory(azurite);
        var (taskId, link) = await OpenTaskWithLinkAsync(app);
        var token = TokenOf(link);
        var randomPart = token.Split('.')[0];

        var row = await LinkTable(app).GetEntityAsync<TableEntity>(Hash(token), string.Empty);
        var everything = await LinkTable(app).QueryAsync<TableEntity>().ToListAsync();

        Assert.Equal(taskId, row.Value.GetString("TaskId"));
        Assert.Equal(Approver, row.Value.GetString("ApproverId"));
        var stored = JsonSerializer.Serialize(everything.Select(r => r.ToDictionary(p => p.Key, p => p.Value?.ToString())));
        Assert.DoesNotContain(randomPart, stored, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_link_asked_to_outlive_its_task_expires_at_the_tasks_due_date()
    {
        await using var app = new WorkflowsAppFactory(azurite);
        var (taskId, link) = await OpenTaskWithLinkAsync(app, lifetime: TimeSpan.FromDays(20));
        var due = (await StoredTaskAsync(app, taskId)).Due;

        var row = (await LinkTable(app).GetEntityAsync<TableEntity>(Hash(TokenOf(link)), string.Empty)).Value;
        Assert.Equal(due, row.GetDateTimeOffset("ExpiresAt")!.Value, TimeSpan.FromMilliseconds(1));

        using var admin = app.ClientFor("admin.central");
        var now = app.Services.GetRequiredService<TimeProvider>().GetUtcNow();
        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsync($"/dev/clock/advance?by={System.Xml.XmlConvert.ToString(due - now + TimeSpan.FromMinutes(1))}", null)).StatusCode);
        using var browser = Browser(app);
        Assert.Equal(HttpStatusCode.Gone, (await browser.GetAsync(link.Open.PathAndQuery)).StatusCode);
        Assert.Equal(ApprovalTaskStatus.Open, (await StoredTaskAsync(app, taskId)).Status);
    }

    [Fact]
    public async Task A_link_issued_for_a_closed_task_is_expired_from_the_start()
    {
        await using var app = new WorkflowsAppFactory(azurite);
        var (taskId, _) = await OpenTaskWithLinkAsync(app);
        using var approver = app.ClientFor(Approver);
        Assert.Equal(HttpStatusCode.OK, (await approver.PostAsync($"/api/tasks/{taskId}/decision", CaseSteps.Json("{\"decision\": \"approve\"}"))).StatusCode);

        var late = await app.Services.GetRequiredService<IApprovalLinks>().IssueAsync(taskId, Approver, app.Services.GetRequiredService<TimeProvider>().GetUtcNow().AddDays(1));
        using var browser = Browser(app);

        Assert.Equal(HttpStatusCode.Gone, (await browser.GetAsync(late.Open.PathAndQuery)).StatusCode);
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryField();

    [GeneratedRegex("<dt>([^<]+)</dt>")]
    private static partial Regex FactLabel();
}
