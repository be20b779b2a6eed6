using System.Net;
using System.Text.Json;
using Azure.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Workflows.Functions.Notifications.Tests.Support;
using Workflows.Notifications;
using Workflows.Testing.Azurite;

namespace Workflows.Functions.Notifications.Tests;

/// <summary>Graph mail through the real Graph SDK client over a fake Graph: request shape, retries, exactly once.</summary>
public sealed class GraphMailTests(AzuriteFixture azurite)
{
    private const string SendMail = "graph.microsoft.com/v1.0/users/workflows%40prisons.test/sendMail";
    private const string ArabicToken = "https://workflows.test/approvals/tok-t-1-p-approver-ar";

    [Fact]
    public async Task A_new_task_is_posted_to_sendMail_of_the_configured_mailbox_as_a_MIME_message()
    {
        var graph = new FakeHttpHandler().On(HttpMethod.Post, SendMail, HttpStatusCode.Accepted);
        var notifier = Build(graph).GetRequiredService<INotifier>();

        await notifier.SendAsync(TestNotifications.NewTask(Staff.ArabicApprover));

        var request = Assert.Single(graph.Requests);
        Assert.Equal((HttpMethod.Post, "https://graph.microsoft.com/v1.0/users/workflows%40prisons.test/sendMail"), (request.Method, request.Uri.AbsoluteUri));
        Assert.Equal(("Bearer test-graph-token", "text/plain"), (request.Authorization, request.ContentType));
        var mail = ReceivedMail.From(request);
        Assert.Equal("<workflows@prisons.test>", mail.Headers["From"]);
        Assert.Equal("\"Amina Approver\" <amina@prisons.test>", mail.Headers["To"]);
        Assert.Equal("مطلوب موافقة: eligibility – الملف REF-2026-0042", mail.Headers["Subject"]);
        Assert.Equal(("1.0", "ar", "auto-generated"), (mail.Headers["MIME-Version"], mail.Headers["Content-Language"], mail.Headers["Auto-Submitted"]));
        Assert.Matches("^<[0-9a-f]{32}@prisons.test>$", mail.Headers["Message-ID"]);
        Assert.StartsWith("multipart/alternative; boundary=", mail.Headers["Content-Type"], StringComparison.Ordinal);
        Assert.False(mail.Headers.ContainsKey("Importance"));
    }

    [Fact]
    public async Task The_message_carries_the_plain_text_then_the_html_both_in_the_recipients_language_with_every_link()
    {
        var graph = new FakeHttpHandler().On(HttpMethod.Post, SendMail, HttpStatusCode.Accepted);
        var notifier = Build(graph).GetRequiredService<INotifier>();

        await notifier.SendAsync(TestNotifications.NewTask(Staff.ArabicApprover));

        var mail = ReceivedMail.From(Assert.Single(graph.Requests));
        Assert.Equal(["text/plain; charset=utf-8", "text/html; charset=utf-8"], mail.Parts.Select(p => p.ContentType));
        Assert.Contains("موافقة: " + ArabicToken + "?decision=approve\r\n", mail.Text, StringComparison.Ordinal);
        Assert.Contains("رفض: " + ArabicToken + "?decision=reject\r\n", mail.Text, StringComparison.Ordinal);
        Assert.Contains("فتح المهمة: " + ArabicToken + "\r\n", mail.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("<", mail.Text, StringComparison.Ordinal);
        Assert.Contains("<html lang=\"ar\" dir=\"rtl\">", mail.Html, StringComparison.Ordinal);
        Assert.Contains("href=\"" + ArabicToken + "?decision=approve\"", mail.Html, StringComparison.Ordinal);
        Assert.Contains("href=\"" + ArabicToken + "?decision=reject\"", mail.Html, StringComparison.Ordinal);
        Assert.Contains("href=\"" + ArabicToken + "\"", mail.Html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Every_header_line_is_ascii_and_at_most_78_characters_long()
    {
        var graph = new FakeHttpHandler().On(HttpMethod.Post, SendMail, HttpStatusCode.Accepted);
        var notifier = Build(graph).GetRequiredService<INotifier>();

        await notifier.SendAsync(TestNotifications.NewTask(Staff.Approver) with { Step = "a-step-whose-name-is-long-enough-to-need-more-than-one-encoded-word" });

        var mail = ReceivedMail.From(Assert.Single(graph.Requests));
        var headerLines = mail.Raw[..mail.Raw.IndexOf("\r\n\r\n", StringComparison.Ordinal)].Split("\r\n");
        Assert.All(headerLines, line => Assert.True(line.Length <= 78 && line.All(char.IsAscii), line));
        Assert.Equal("Approbation demandée : a-step-whose-name-is-long-enough-to-need-more-than-one-encoded-word – dossier REF-2026-0042", mail.Headers["Subject"]);
        Assert.Equal("Amélie Approver <amelie@prisons.test>", mail.Headers["To"]);
    }

    [Fact]
    public async Task An_escalation_is_marked_important()
    {
        var graph = new FakeHttpHandler().On(HttpMethod.Post, SendMail, HttpStatusCode.Accepted);
        var notifier = Build(graph).GetRequiredService<INotifier>();

        await notifier.SendAsync(TestNotifications.Of(NotificationKind.Escalation, Staff.Approver));

        Assert.Equal("High", ReceivedMail.From(Assert.Single(graph.Requests)).Headers["Importance"]);
    }

    [Fact]
    public async Task With_the_html_format_the_mail_is_a_graph_message_kept_out_of_sent_items()
    {
        var graph = new FakeHttpHandler().On(HttpMethod.Post, SendMail, HttpStatusCode.Accepted);
        var notifier = Build(graph, settings: new() { ["Workflows:Graph:MailFormat"] = "Html" }).GetRequiredService<INotifier>();

        await notifier.SendAsync(TestNotifications.NewTask(Staff.ArabicApprover));

        var request = Assert.Single(graph.Requests);
        Assert.Equal("application/json", request.ContentType);
        using var body = JsonDocument.Parse(request.Body!);

        // The SDK names the action's parameters as Graph's metadata does (Message, SaveToSentItems); Graph reads them case-insensitively.
        var message = body.RootElement.GetProperty("Message");
        Assert.False(body.RootElement.GetProperty("SaveToSentItems").GetBoolean());
        Assert.Equal("مطلوب موافقة: eligibility – الملف REF-2026-0042", message.GetProperty("subject").GetString());
        Assert.Equal("html", message.GetProperty("body").GetProperty("contentType").GetString());
        var recipient = Assert.Single(message.GetProperty("toRecipients").EnumerateArray()).GetProperty("emailAddress");
        Assert.Equal(("amina@prisons.test", "Amina Approver"), (recipient.GetProperty("address").GetString(), recipient.GetProperty("name").GetString()));
        Assert.Contains("href=\"" + ArabicToken + "?decision=approve\"", message.GetProperty("body").GetProperty("content").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task By_default_the_mail_shows_the_case_reference_and_the_step_and_nothing_else()
    {
        var graph = new FakeHttpHandler().On(HttpMethod.Post, SendMail, HttpStatusCode.Accepted);
        var notifier = Build(graph).GetRequiredService<INotifier>();

        await notifier.SendAsync(TestNotifications.NewTask(Staff.Delegate));

        var mail = ReceivedMail.From(Assert.Single(graph.Requests));
        Assert.Equal([("Case reference", "REF-2026-0042"), ("Step", "eligibility")], mail.Facts);
        Assert.Contains("Case reference: REF-2026-0042\r\nStep: eligibility\r\n\r\n", mail.Text, StringComparison.Ordinal);
        Assert.All(new[] { mail.Headers["Subject"], mail.Text, mail.Html }, part =>
        {
            Assert.DoesNotContain("disengagement", part, StringComparison.Ordinal);
            Assert.DoesNotContain("January", part, StringComparison.Ordinal);
            Assert.DoesNotContain("case-1", part, StringComparison.Ordinal);
        });
    }

    [Fact]
    public async Task A_deployment_that_allows_it_also_shows_the_workflow_and_the_due_date()
    {
        var graph = new FakeHttpHandler().On(HttpMethod.Post, SendMail, HttpStatusCode.Accepted);
        var notifier = Build(graph, settings: new() { ["Workflows:Notifications:MessageFacts"] = "CaseReference, Step, Workflow, Due" }).GetRequiredService<INotifier>();

        await notifier.SendAsync(TestNotifications.NewTask(Staff.Delegate));

        var mail = ReceivedMail.From(Assert.Single(graph.Requests));
        var facts = mail.Facts;
        Assert.Equal(["Case reference", "Workflow", "Step", "Due"], facts.Select(f => f.Label));
        Assert.Equal(["REF-2026-0042", "referral to a disengagement programme", "eligibility"], facts.Take(3).Select(f => f.Value));

        // The time's spacing follows the platform's culture data (ICU); the date and zone are fixed.
        Assert.Matches(@"^Monday, January 12, 2026 5:00\sPM \(UTC\)$", facts[3].Value);
    }

    [Fact]
    public async Task Throttling_is_retried_no_sooner_than_Retry_After_asks()
    {
        var clock = new WatchedClock();
        var graph = new FakeHttpHandler(clock).On(HttpMethod.Post, SendMail, (_, call) =>
        {
            if (call > 1)
            {
                return FakeHttpHandler.Json(HttpStatusCode.Accepted);
            }

            var throttled = FakeHttpHandler.Json(HttpStatusCode.TooManyRequests, "{\"error\":{\"code\":\"TooManyRequests\",\"message\":\"slow down\"}}");
            throttled.Headers.Add("Retry-After", "20");
            return throttled;
        });
        var notifier = Build(graph, clock).GetRequiredService<INotifier>();
        var waiting = clock.WaitForTimerAsync(TimeSpan.FromSeconds(20));

        var sending = notifier.SendAsync(TestNotifications.NewTask(Staff.Approver));
        await waiting;
        clock.Advance(TimeSpan.FromSeconds(20) - TimeSpan.FromMilliseconds(1));
        var beforeRetryAfter = graph.Requests.Count;
        clock.Advance(TimeSpan.FromMilliseconds(1));
        await sending.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(1, beforeRetryAfter);
        Assert.Equal(2, graph.Requests.Count);
        Assert.Equal(TimeSpan.FromSeconds(20), graph.Requests[1].At - graph.Requests[0].At);
    }

    [Fact]
    public async Task Server_errors_are_retried_and_the_mail_goes_once()
    {
        var clock = new FakeTimeProvider();
        var graph = new FakeHttpHandler(clock).On(HttpMethod.Post, SendMail, (_, call) =>
            FakeHttpHandler.Json(call <= 2 ? HttpStatusCode.ServiceUnavailable : HttpStatusCode.Accepted));
        var notifier = Build(graph, clock).GetRequiredService<INotifier>();

        var sending = notifier.SendAsync(TestNotifications.NewTask(Staff.Approver));
        await DriveClockUntilAsync(clock, sending);

        Assert.Equal(3, graph.Requests.Count);
    }

    [Fact]
    public async Task A_redelivered_activity_does_not_send_the_mail_twice()
    {
        var graph = new FakeHttpHandler().On(HttpMethod.Post, SendMail, HttpStatusCode.Accepted);
        var services = Build(graph, storage: azurite.ConnectionString);
        await NotificationServices.InitializeStoresAsync(services);
        var notification = TestNotifications.NewTask(Staff.Approver);

        await services.GetRequiredService<INotifier>().SendAsync(notification);
        await services.GetRequiredService<INotifier>().SendAsync(notification);

        Assert.Single(graph.Requests);
    }

    [Fact]
    public async Task A_redelivery_on_another_host_does_not_send_the_mail_twice()
    {
        var graph = new FakeHttpHandler().On(HttpMethod.Post, SendMail, HttpStatusCode.Accepted);
        var prefix = "t" + Guid.NewGuid().ToString("N")[..10];
        var hostA = Build(graph, storage: azurite.ConnectionString, tablePrefix: prefix);
        var hostB = Build(graph, storage: azurite.ConnectionString, tablePrefix: prefix);
        await NotificationServices.InitializeStoresAsync(hostA);
        var notification = TestNotifications.NewTask(Staff.Approver);

        await hostA.GetRequiredService<INotifier>().SendAsync(notification);
        await hostB.GetRequiredService<INotifier>().SendAsync(notification);

        Assert.Single(graph.Requests);
    }

    [Fact]
    public async Task A_mailbox_Graph_refuses_is_recorded_as_failed_without_retrying()
    {
        var graph = new FakeHttpHandler().On(HttpMethod.Post, SendMail, HttpStatusCode.Forbidden, "{\"error\":{\"code\":\"ErrorAccessDenied\",\"message\":\"Access is denied.\"}}");
        var services = Build(graph);
        var notifier = services.GetRequiredService<INotifier>();

        await notifier.SendAsync(TestNotifications.NewTask(Staff.Approver));

        Assert.Single(graph.Requests);
        var failure = Assert.Single(await services.GetRequiredService<Failures.INotificationFailureStore>().ListForTaskAsync("t-1"));
        Assert.Equal("Graph403", failure.Reason);
    }

    internal static ServiceProvider Build(FakeHttpHandler graph, TimeProvider? clock = null, string? storage = null, string? tablePrefix = null, Dictionary<string, string?>? settings = null)
    {
        var all = NotificationServices.Settings("Graph");
        foreach (var (key, value) in settings ?? [])
        {
            all[key] = value;
        }

        var services = NotificationServices.Create(all, storage: storage, tablePrefix: tablePrefix);
        if (clock is not null)
        {
            services.AddSingleton(clock);
        }

        services.AddKeyedSingleton<TokenCredential>(NotificationsServiceCollectionExtensions.GraphCredentialKey, new StaticCredential());
        services.AddHttpClient(NotificationsServiceCollectionExtensions.GraphHttpClientName).ConfigurePrimaryHttpMessageHandler(() => graph);
        return services.BuildServiceProvider();
    }

    private static async Task DriveClockUntilAsync(FakeTimeProvider clock, Task task)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!task.IsCompleted && DateTime.UtcNow < deadline)
        {
            clock.Advance(TimeSpan.FromSeconds(5));
            await Task.WhenAny(task, Task.Delay(20));
        }

        await task;
    }
}
