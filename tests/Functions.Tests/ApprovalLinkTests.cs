using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Workflows.Approvals;
using Workflows.Functions.Approvals;
using Workflows.Testing.Azurite;

namespace Workflows.Functions.Tests;

/// <summary>Approval links: a GET never decides; a POST with the anti-forgery token does, once, for the right approver only.</summary>
public sealed partial class ApprovalLinkTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private readonly WorkflowsAppFactory _app = new(azurite);

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    /// <summary>Submits a complaint (one acknowledgement task for complaints.almaty) and returns its open task.</summary>
    private async Task<JsonElement> OpenTaskAsync()
    {
        using var submitter = _app.ClientFor("socialworker.almaty");
        var body = await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "samples", "complaint.json"));
        var response = await submitter.PostAsync("/api/complaints", new StringContent(body, System.Text.Encoding.UTF8, "application/json"));
        var caseId = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("caseId").GetString()!;
        return await OpenTaskOfCaseAsync(caseId, _ => true);
    }

    /// <summary>
    /// Submits a CSO application and passes its completeness check: the parallel reviews open, among them
    /// the national-security review of natsec.central, a veto role whose rejection is a veto.
    /// </summary>
    private async Task<JsonElement> OpenSecurityReviewAsync()
    {
        using var focalPoint = _app.ClientFor("focalpoint.cso-bridge");
        var body = await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "samples", "cso-access-request.json"));
        var response = await focalPoint.PostAsync("/api/cso-access-requests", new StringContent(body, System.Text.Encoding.UTF8, "application/json"));
        var caseId = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("caseId").GetString()!;
        var completeness = await OpenTaskOfCaseAsync(caseId, t => t.GetProperty("step").GetString() == "completenessCheck");
        using var partnerships = _app.ClientFor("partnerships.central");
        var approved = await partnerships.PostAsJsonAsync($"/api/tasks/{completeness.GetProperty("taskId").GetString()}/decision", new { decision = "approve" });
        Assert.Equal(HttpStatusCode.OK, approved.StatusCode);
        return await OpenTaskOfCaseAsync(caseId, t => t.GetProperty("step").GetString() == "parallelReviews" && t.GetProperty("assigneeId").GetString() == "natsec.central");
    }

    private async Task<JsonElement> OpenTaskOfCaseAsync(string caseId, Func<JsonElement, bool> which)
    {
        using var admin = _app.ClientFor("admin.central");
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (true)
        {
            var tasks = await admin.GetFromJsonAsync<JsonElement>($"/api/cases/{caseId}/tasks", timeout.Token);
            if (tasks.EnumerateArray().FirstOrDefault(t => t.GetProperty("status").GetString() == "open" && which(t)) is { ValueKind: JsonValueKind.Object } task)
            {
                return task;
            }

            await Task.Delay(50, timeout.Token);
        }
    }

    private async Task<ApprovalLink> IssueAsync(JsonElement task, string? approver = null, TimeSpan? lifetime = null)
    {
        var links = _app.Services.GetRequiredService<IApprovalLinks>();
        var clock = _app.Services.GetRequiredService<TimeProvider>();
        return await links.IssueAsync(task.GetProperty("taskId").GetString()!, approver ?? task.GetProperty("assigneeId").GetString()!, clock.GetUtcNow() + (lifetime ?? TimeSpan.FromDays(5)));
    }

    private async Task<string> TaskStatusAsync(JsonElement task)
    {
        var store = _app.Services.GetRequiredService<IApprovalTaskStore>();
        return (await store.GetAsync(task.GetProperty("taskId").GetString()!))!.Status.ToString();
    }

    private static async Task<HttpResponseMessage> PostDecisionAsync(HttpClient browser, Uri link, string decision, string? comment = null, params string[] reasonCodes)
    {
        var page = await browser.GetStringAsync(link.PathAndQuery);
        var token = AntiforgeryField().Match(page).Groups[1].Value;
        var form = new List<KeyValuePair<string, string>> { new("Decision", decision), new("Comment", comment ?? string.Empty), new("__RequestVerificationToken", token) };
        form.AddRange(reasonCodes.Select(code => new KeyValuePair<string, string>("ReasonCodes", code)));
        return await browser.PostAsync(link.PathAndQuery, new FormUrlEncodedContent(form));
    }

    private HttpClient Browser() => _app.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });

    [Fact]
    public async Task Link_is_built_from_the_public_base_url()
    {
        var link = await IssueAsync(await OpenTaskAsync());
        Assert.StartsWith(WorkflowsAppFactory.PublicBaseUrl + "/approvals/", link.Open.ToString(), StringComparison.Ordinal);
        Assert.EndsWith("?decision=approve", link.Approve.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Get_shows_a_confirmation_form_and_decides_nothing()
    {
        var task = await OpenTaskAsync();
        var link = await IssueAsync(task);
        using var browser = Browser();

        var response = await browser.GetAsync(link.Approve.PathAndQuery);
        var page = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Confirm decision", page, StringComparison.Ordinal);
        Assert.Equal("no-referrer", response.Headers.GetValues("Referrer-Policy").Single());
        Assert.Equal("Open", await TaskStatusAsync(task));
    }

    [Fact]
    public async Task Post_with_the_antiforgery_token_records_the_decision_through_the_email_channel()
    {
        var task = await OpenTaskAsync();
        var link = await IssueAsync(task);
        using var browser = Browser();

        var response = await PostDecisionAsync(browser, link.Open, "approve");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var stored = await _app.Services.GetRequiredService<IApprovalTaskStore>().GetAsync(task.GetProperty("taskId").GetString()!);
        Assert.Equal(ApprovalTaskStatus.Decided, stored!.Status);
        Assert.Equal(DecisionChannel.Email, stored.Channel);
        Assert.Equal("complaints.almaty", stored.DecidedBy);
    }

    [Fact]
    public async Task Post_without_the_antiforgery_token_is_refused_and_decides_nothing()
    {
        var task = await OpenTaskAsync();
        var link = await IssueAsync(task);
        using var browser = Browser();

        var response = await browser.PostAsync(link.Open.PathAndQuery, new FormUrlEncodedContent(new Dictionary<string, string> { ["Decision"] = "approve" }));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("Open", await TaskStatusAsync(task));
    }

    [Fact]
    public async Task Used_link_is_refused_with_410()
    {
        var first = await OpenTaskAsync();
        var link = await IssueAsync(first);
        using var browser = Browser();
        Assert.Equal(HttpStatusCode.OK, (await PostDecisionAsync(browser, link.Open, "approve")).StatusCode);

        var again = await browser.GetAsync(link.Open.PathAndQuery);
        Assert.Equal(HttpStatusCode.Gone, again.StatusCode);
        Assert.Contains("already been used", await again.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Expired_link_is_refused_with_410()
    {
        var task = await OpenTaskAsync();
        var link = await IssueAsync(task, lifetime: TimeSpan.FromHours(1));
        using var admin = _app.ClientFor("admin.central");
        await admin.PostAsync("/dev/clock/advance?by=PT2H", null);
        using var browser = Browser();

        var response = await browser.GetAsync(link.Open.PathAndQuery);

        Assert.Equal(HttpStatusCode.Gone, response.StatusCode);
        Assert.Contains("expired", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Forged_link_is_refused_with_404_and_decides_nothing()
    {
        var task = await OpenTaskAsync();
        var link = await IssueAsync(task);
        var path = link.Open.AbsolutePath;
        var forged = path[..^3] + (path[^3] == 'A' ? "B" : "A") + path[^2..];
        using var browser = Browser();

        Assert.Equal(HttpStatusCode.NotFound, (await browser.GetAsync(forged)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await browser.GetAsync("/approvals/not-a-token")).StatusCode);
        Assert.Equal("Open", await TaskStatusAsync(task));
    }

    [Fact]
    public async Task Link_for_someone_who_is_not_the_approver_is_refused()
    {
        var task = await OpenTaskAsync();
        var link = await IssueAsync(task, approver: "coordinator.almaty");
        using var browser = Browser();

        var response = await browser.GetAsync(link.Open.PathAndQuery);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("Open", await TaskStatusAsync(task));
    }

    [Fact]
    public async Task Link_of_a_task_reassigned_away_is_refused_with_403()
    {
        var task = await OpenTaskAsync();
        var link = await IssueAsync(task);
        using var admin = _app.ClientFor("admin.central");
        var reassign = await admin.PostAsJsonAsync($"/api/tasks/{task.GetProperty("taskId").GetString()}/reassign", new { assigneeId = "complaints.kostanay", reason = "Leave of absence" });
        Assert.Equal(HttpStatusCode.OK, reassign.StatusCode);
        using var browser = Browser();

        var response = await browser.GetAsync(link.Open.PathAndQuery);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("Open", await TaskStatusAsync(task));
    }

    // A POST needs an anti-forgery token, which only a page with the form hands out: take one from a
    // valid link of the same browser session, then post to the link under test.
    private async Task<string> AntiforgeryTokenAsync(HttpClient browser, JsonElement task)
    {
        var page = await browser.GetStringAsync((await IssueAsync(task)).Open.PathAndQuery);
        return AntiforgeryField().Match(page).Groups[1].Value;
    }

    private static Task<HttpResponseMessage> PostWithTokenAsync(HttpClient browser, string path, string token) =>
        browser.PostAsync(path, new FormUrlEncodedContent(new Dictionary<string, string> { ["Decision"] = "approve", ["Comment"] = string.Empty, ["__RequestVerificationToken"] = token }));

    private async Task AssertUndecidedAsync(JsonElement task)
    {
        var stored = await _app.Services.GetRequiredService<IApprovalTaskStore>().GetAsync(task.GetProperty("taskId").GetString()!);
        Assert.Equal(ApprovalTaskStatus.Open, stored!.Status);
        Assert.Null(stored.DecidedBy);
        Assert.Null(stored.Decision);
    }

    [Fact]
    public async Task Post_on_an_expired_link_is_410_and_decides_nothing()
    {
        var task = await OpenTaskAsync();
        var link = await IssueAsync(task, lifetime: TimeSpan.FromHours(1));
        using var browser = Browser();
        var token = AntiforgeryField().Match(await browser.GetStringAsync(link.Open.PathAndQuery)).Groups[1].Value;
        using var admin = _app.ClientFor("admin.central");
        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsync("/dev/clock/advance?by=PT2H", null)).StatusCode);

        var response = await PostWithTokenAsync(browser, link.Open.PathAndQuery, token);

        Assert.Equal(HttpStatusCode.Gone, response.StatusCode);
        await AssertUndecidedAsync(task);
    }

    [Fact]
    public async Task Post_on_a_forged_link_is_404_and_decides_nothing()
    {
        var task = await OpenTaskAsync();
        using var browser = Browser();
        var token = await AntiforgeryTokenAsync(browser, task);
        var path = (await IssueAsync(task)).Open.AbsolutePath;
        var forged = path[..^3] + (path[^3] == 'A' ? "B" : "A") + path[^2..];

        var response = await PostWithTokenAsync(browser, forged, token);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        await AssertUndecidedAsync(task);
    }

    [Fact]
    public async Task Post_on_a_link_for_someone_who_is_not_the_approver_is_403_and_decides_nothing()
    {
        var task = await OpenTaskAsync();
        using var browser = Browser();
        var token = await AntiforgeryTokenAsync(browser, task);
        var link = await IssueAsync(task, approver: "coordinator.almaty");

        var response = await PostWithTokenAsync(browser, link.Open.PathAndQuery, token);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        await AssertUndecidedAsync(task);
    }

    [Fact]
    public async Task Post_on_the_link_of_a_task_reassigned_away_is_403_and_decides_nothing()
    {
        var task = await OpenTaskAsync();
        var link = await IssueAsync(task);
        using var browser = Browser();
        var token = AntiforgeryField().Match(await browser.GetStringAsync(link.Open.PathAndQuery)).Groups[1].Value;
        using var admin = _app.ClientFor("admin.central");
        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsJsonAsync($"/api/tasks/{task.GetProperty("taskId").GetString()}/reassign", new { assigneeId = "complaints.kostanay", reason = "Leave of absence" })).StatusCode);

        var response = await PostWithTokenAsync(browser, link.Open.PathAndQuery, token);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        await AssertUndecidedAsync(task);
    }

    [Fact]
    public async Task Rejecting_without_a_comment_asks_for_one_and_keeps_the_link_usable()
    {
        var task = await OpenTaskAsync();
        var link = await IssueAsync(task);
        using var browser = Browser();

        var response = await PostDecisionAsync(browser, link.Open, "reject");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("Open", await TaskStatusAsync(task));
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync(link.Open.PathAndQuery)).StatusCode);
    }

    [Fact]
    public async Task Get_of_a_veto_roles_task_offers_the_steps_reasons_as_checkboxes_required_to_reject()
    {
        var task = await OpenSecurityReviewAsync();
        var link = await IssueAsync(task);
        using var browser = Browser();

        var page = await browser.GetStringAsync(link.Reject.PathAndQuery);

        Assert.Contains("<input type=\"checkbox\" id=\"reasonCodes\" name=\"ReasonCodes\" value=\"incomplete-application\" />", page, StringComparison.Ordinal);
        Assert.Contains("<label for=\"reasonCodes\">Incomplete application</label>", page, StringComparison.Ordinal);
        Assert.Contains("at this step a rejection is a veto", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Veto_roles_rejection_without_a_reason_is_400_with_the_error_next_to_the_reasons_and_decides_nothing()
    {
        var task = await OpenSecurityReviewAsync();
        var link = await IssueAsync(task);
        using var browser = Browser();

        var response = await PostDecisionAsync(browser, link.Open, "reject", "Undisclosed conviction of a staff member.");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Matches("<p id=\"reasonCodes-error\" class=\"field-error\">\\s*<span><span class=\"visually-hidden\">Error:</span> Choose at least one behavioural reason.</span>", await response.Content.ReadAsStringAsync());
        await AssertUndecidedAsync(task);
    }

    [Fact]
    public async Task Veto_roles_rejection_with_reasons_is_recorded_with_them()
    {
        var task = await OpenSecurityReviewAsync();
        var link = await IssueAsync(task);
        using var browser = Browser();

        var response = await PostDecisionAsync(browser, link.Open, "reject", "Undisclosed conviction of a staff member.", "undisclosed-criminal-record", "security-incident-involvement");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var stored = (await _app.Services.GetRequiredService<IApprovalTaskStore>().GetAsync(task.GetProperty("taskId").GetString()!))!;
        Assert.Equal((ApprovalTaskStatus.Decided, DecisionKind.Reject, DecisionChannel.Email), (stored.Status, stored.Decision, stored.Channel));
        Assert.Equal(["undisclosed-criminal-record", "security-incident-involvement"], stored.ReasonCodes);
    }

    [Fact]
    public async Task Approving_a_step_that_records_more_than_the_page_takes_sends_the_approver_to_the_task_and_decides_nothing()
    {
        using var referrer = _app.ClientFor("referrer.almaty");
        var body = await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "samples", "referral.json"));
        var submitted = await referrer.PostAsync("/api/referrals", new StringContent(body, System.Text.Encoding.UTF8, "application/json"));
        var caseId = (await submitted.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("caseId").GetString()!;
        var screening = await OpenTaskOfCaseAsync(caseId, t => t.GetProperty("step").GetString() == "eligibilityScreening");
        using var coordinator = _app.ClientFor("coordinator.almaty");
        Assert.Equal(HttpStatusCode.OK, (await coordinator.PostAsJsonAsync($"/api/tasks/{screening.GetProperty("taskId").GetString()}/decision", new { decision = "approve" })).StatusCode);
        var assessment = await OpenTaskOfCaseAsync(caseId, t => t.GetProperty("step").GetString() == "riskAssessment");
        var link = await IssueAsync(assessment);
        using var browser = Browser();

        var response = await PostDecisionAsync(browser, link.Open, "approve");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("Open the task from your inbox to decide it", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        await AssertUndecidedAsync(assessment);
    }

    [Fact]
    public async Task Rejecting_without_a_comment_shows_the_error_next_to_the_comment()
    {
        var task = await OpenTaskAsync();
        var link = await IssueAsync(task);
        using var browser = Browser();

        var response = await PostDecisionAsync(browser, link.Open, "reject");

        Assert.Contains("<p id=\"comment-error\" class=\"field-error\">", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryField();
}
