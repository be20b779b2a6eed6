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

    [Fact]
    public async Task A_new_task_is_sent_as_the_configured_mailbox_in_the_recipients_language_with_approval_links()
    {
        var graph = new FakeHttpHandler().On(HttpMethod.Post, SendMail, HttpStatusCode.Accepted);
        var notifier = Build(graph).GetRequiredService<INotifier>();

        await notifier.SendAsync(TestNotifications.NewTask(Staff.ArabicApprover));

        var request = Assert.Single(graph.Requests);
        Assert.Equal(HttpMethod.Post, request.Method);
        Assert.Equal("https://graph.microsoft.com/v1.0/users/workflows%40prisons.test/sendMail", request.Uri.AbsoluteUri);
        Assert.Equal("Bearer test-graph-token", request.Authorization);
        using var body = JsonDocument.Parse(request.Body!);

        // The SDK names the action's parameters as Graph's metadata does (Message, SaveToSentItems); Graph reads them case-insensitively.
        var message = body.RootElement.GetProperty("Message");
        Assert.False(body.RootElement.GetProperty("SaveToSentItems").GetBoolean());
        Assert.Equal("مطلوب موافقة: eligibility – الملف REF-2026-0042", message.GetProperty("subject").GetString());
        Assert.Equal("html", message.GetProperty("body").GetProperty("contentType").GetString());
        var recipient = Assert.Single(message.GetProperty("toRecipients").EnumerateArray()).GetProperty("emailAddress");
        Assert.Equal("amina@prisons.test", recipient.GetProperty("address").GetString());
        Assert.Equal("Amina Approver", recipient.GetProperty("name").GetString());
        var html = message.GetProperty("body").GetProperty("content").GetString()!;
        Assert.Contains("<html lang=\"ar\" dir=\"rtl\">", html, StringComparison.Ordinal);
        Assert.Contains("https://workflows.test/approvals/tok-t-1-p-approver-ar?decision=approve", html, StringComparison.Ordinal);
        Assert.Contains("https://workflows.test/approvals/tok-t-1-p-approver-ar?decision=reject", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_mail_carries_no_personal_data_beyond_the_case_reference_and_step()
    {
        var graph = new FakeHttpHandler().On(HttpMethod.Post, SendMail, HttpStatusCode.Accepted);
        var notifier = Build(graph).GetRequiredService<INotifier>();

        await notifier.SendAsync(TestNotifications.NewTask(Staff.Approver));

        var body = Assert.Single(graph.Requests).Body!;
        Assert.Contains("REF-2026-0042", body, StringComparison.Ordinal);
        Assert.Contains("eligibility", body, StringComparison.Ordinal);
        Assert.DoesNotContain("case-1", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Throttling_is_retried_after_the_time_Retry_After_asks_for()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 1, 5, 9, 0, 0, TimeSpan.Zero));
        var graph = new FakeHttpHandler(clock).On(HttpMethod.Post, SendMail, (_, call) =>
        {
            if (call > 1)
            {
                return FakeHttpHandler.Json(HttpStatusCode.Accepted);
            }

            var throttled = FakeHttpHandler.Json(HttpStatusCode.TooManyRequests, "{\"error\":{\"code\":\"TooManyRequests\",\"message\":\"slow down\"}}");
            throttled.Headers.Add("Retry-After", "30");
            return throttled;
        });
        var notifier = Build(graph, clock).GetRequiredService<INotifier>();

        var sending = notifier.SendAsync(TestNotifications.NewTask(Staff.Approver));
        await graph.WaitForRequestsAsync(1);
        clock.Advance(TimeSpan.FromSeconds(29));
        clock.Advance(TimeSpan.FromSeconds(1));
        await graph.WaitForRequestsAsync(2);
        await sending.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(2, graph.Requests.Count);
        Assert.Equal(TimeSpan.FromSeconds(30), graph.Requests[1].At - graph.Requests[0].At);
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

    private static ServiceProvider Build(FakeHttpHandler graph, TimeProvider? clock = null, string? storage = null, string? tablePrefix = null)
    {
        var services = NotificationServices.Create(NotificationServices.Settings("Graph"), storage: storage, tablePrefix: tablePrefix);
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
