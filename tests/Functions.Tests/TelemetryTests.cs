using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Logs;
using OpenTelemetry.Trace;
using Workflows.Functions.Approvals;
using Workflows.Testing.Azurite;

namespace Workflows.Functions.Tests;

/// <summary>
/// The app's spans and log records, exported to memory while people submit, decide and use an approval
/// link, carry ids only: no approval token, no person's name or email, no free text from a request.
/// </summary>
public sealed partial class TelemetryTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private const string Comment = "Eligible after the interview on Tuesday";
    private readonly TextSnapshotCollection<Activity> _spans = new(Describe);
    private readonly TextSnapshotCollection<LogRecord> _logs = new(Describe);
    private WorkflowsAppFactory _app = null!;

    public ValueTask InitializeAsync()
    {
        _app = new WorkflowsAppFactory(azurite, services: services =>
        {
            services.AddOpenTelemetry()
                .WithTracing(tracing => tracing.AddInMemoryExporter(_spans))
                .WithLogging(logging => logging.AddInMemoryExporter(_logs), options =>
                {
                    options.IncludeFormattedMessage = true;
                    options.IncludeScopes = true;
                });
        });
        return ValueTask.CompletedTask;
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task Spans_and_log_records_carry_no_token_name_email_or_free_text()
    {
        var forbidden = await ForbiddenTextsAsync();
        await DecideAReferralThroughTheApiAsync();
        forbidden.AddRange(await DecideAComplaintThroughAnApprovalLinkAsync());

        Assert.NotEmpty(_spans.Texts);
        Assert.NotEmpty(_logs.Texts);
        Assert.Contains(_spans.Texts, s => s.Contains("/api/tasks/{taskId}/decision", StringComparison.Ordinal));
        var leaks = forbidden
            .SelectMany(text => _spans.Texts.Concat(_logs.Texts).Where(t => t.Contains(text, StringComparison.OrdinalIgnoreCase)).Select(t => $"'{text}' in: {t}"))
            .ToList();
        Assert.True(leaks.Count == 0, string.Join('\n', leaks.Take(10)));
    }

    // Every person's name and email (notifications reach many of them), and the request's free text.
    private async Task<List<string>> ForbiddenTextsAsync()
    {
        using var anyone = _app.ClientFor(null);
        var people = await anyone.GetFromJsonAsync<JsonElement>("/dev/directory");
        var texts = people.EnumerateArray()
            .SelectMany(p => new[] { p.GetProperty("displayName").GetString()!, p.GetProperty("email").GetString()! })
            .ToList();
        texts.Add(JsonDocument.Parse(CaseSteps.Sample("referral.json")).RootElement.GetProperty("evidenceNarrative").GetString()!);
        texts.Add(JsonDocument.Parse(CaseSteps.Sample("complaint.json")).RootElement.GetProperty("description").GetString()!);
        texts.Add(Comment);
        return texts;
    }

    private async Task DecideAReferralThroughTheApiAsync()
    {
        var caseId = await CaseSteps.SubmitReferralAsync(_app);
        var taskId = (await CaseSteps.OpenTaskAsync(_app, caseId, "eligibilityScreening")).GetProperty("taskId").GetString()!;
        using var coordinator = _app.ClientFor("coordinator.almaty");
        var decision = await coordinator.PostAsJsonAsync($"/api/tasks/{taskId}/decision", new { decision = "approve", comment = Comment });
        Assert.Equal(HttpStatusCode.OK, decision.StatusCode);
    }

    // Returns the link's token (and its random part): neither may be recorded anywhere.
    private async Task<string[]> DecideAComplaintThroughAnApprovalLinkAsync()
    {
        var (caseId, _) = await CaseSteps.SubmitAsync(_app, "/api/complaints", "socialworker.almaty", "complaint.json");
        var taskId = (await CaseSteps.OpenTaskAsync(_app, caseId)).GetProperty("taskId").GetString()!;
        var clock = _app.Services.GetRequiredService<TimeProvider>();
        var link = await _app.Services.GetRequiredService<IApprovalLinks>().IssueAsync(taskId, "complaints.almaty", clock.GetUtcNow().AddDays(1));
        using var browser = _app.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        var page = await browser.GetStringAsync(link.Open.PathAndQuery);
        var form = new Dictionary<string, string> { ["Decision"] = "approve", ["__RequestVerificationToken"] = AntiforgeryField().Match(page).Groups[1].Value };
        Assert.Equal(HttpStatusCode.OK, (await browser.PostAsync(link.Open.PathAndQuery, new FormUrlEncodedContent(form))).StatusCode);
        var token = link.Open.AbsolutePath["/approvals/".Length..];
        return [token, token.Split('.')[0]];
    }

    private static string Describe(Activity span)
    {
        var text = new StringBuilder(span.DisplayName).Append(' ').Append(span.StatusDescription);
        foreach (var tag in span.TagObjects)
        {
            text.Append(CultureInfo.InvariantCulture, $" {tag.Key}={tag.Value}");
        }

        foreach (var e in span.Events)
        {
            text.Append(' ').Append(e.Name);
            foreach (var tag in e.Tags)
            {
                text.Append(CultureInfo.InvariantCulture, $" {tag.Key}={tag.Value}");
            }
        }

        return text.ToString();
    }

    private static string Describe(LogRecord record)
    {
        var text = new StringBuilder(record.CategoryName).Append(' ').Append(record.FormattedMessage).Append(' ').Append(record.Body).Append(' ').Append(record.Exception);
        foreach (var attribute in record.Attributes ?? [])
        {
            text.Append(CultureInfo.InvariantCulture, $" {attribute.Key}={attribute.Value}");
        }

        record.ForEachScope((scope, builder) =>
        {
            foreach (var item in scope)
            {
                builder.Append(CultureInfo.InvariantCulture, $" {item.Key}={item.Value}");
            }
        }, text);
        return text.ToString();
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryField();
}
