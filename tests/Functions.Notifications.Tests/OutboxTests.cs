using System.Net;
using System.Text.Json.Nodes;
using Workflows.Functions.Notifications.Tests.Support;
using Workflows.Notifications;
using Workflows.Testing.Azurite;

namespace Workflows.Functions.Notifications.Tests;

/// <summary>The development outbox on Azurite, listed by GET /dev/outbox.</summary>
public sealed class OutboxTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private TestWebHost _host = null!;

    public async ValueTask InitializeAsync() => _host = await TestWebHost.StartAsync(channel: "Outbox", teams: false, storage: azurite.ConnectionString);

    public async ValueTask DisposeAsync() => await _host.DisposeAsync();

    private INotifier Notifier => (INotifier)_host.Services.GetService(typeof(INotifier))!;

    [Fact]
    public async Task The_outbox_lists_the_email_and_the_teams_card_with_their_links()
    {
        await _host.OpenTaskAsync(Staff.Approver);

        await Notifier.SendAsync(TestNotifications.NewTask(Staff.Approver));
        var listed = await ListAsync("?recipient=" + Staff.Approver);

        Assert.Equal(2, listed.Count);
        var email = listed.Single(m => (string)m!["channel"]! == "Email")!;
        Assert.Equal(("amelie@prisons.test", "fr", "t-1"), ((string)email["recipientAddress"]!, (string)email["language"]!, (string)email["taskId"]!));
        Assert.StartsWith("Approbation demandée", (string)email["subject"]!, StringComparison.Ordinal);
        Assert.Contains("Approuver: https://workflows.test/approvals/", (string)email["body"]!, StringComparison.Ordinal);
        Assert.Contains("<html lang=\"fr\" dir=\"ltr\">", (string)email["html"]!, StringComparison.Ordinal);
        Assert.Equal(
            ["approve=https://workflows.test/approvals/tok-t-1-p-approver?decision=approve", "reject=https://workflows.test/approvals/tok-t-1-p-approver?decision=reject", "open=https://workflows.test/approvals/tok-t-1-p-approver"],
            email["links"]!.AsArray().Select(l => $"{l!["rel"]}={l["href"]}"));
        var card = listed.Single(m => (string)m!["channel"]! == "Teams")!;
        Assert.Equal(["approve", "reject"], Cards.ExecuteVerbs(card["card"]!.AsObject()));
        Assert.Equal("https://workflows.test/tasks/t-1", (string)card["links"]![0]!["href"]!);
    }

    [Fact]
    public async Task A_redelivered_notification_is_stored_once()
    {
        var notification = TestNotifications.Of(NotificationKind.Outcome, Staff.Other, taskId: null);

        await Notifier.SendAsync(notification);
        await Notifier.SendAsync(notification);

        var listed = await ListAsync("?recipient=" + Staff.Other);
        Assert.Equal("Email", (string)Assert.Single(listed)!["channel"]!);
    }

    [Fact]
    public async Task The_stored_email_can_be_viewed_as_the_recipient_would_see_it()
    {
        await Notifier.SendAsync(TestNotifications.Of(NotificationKind.Alert, Staff.ArabicApprover, taskId: null));
        var view = (string)(await ListAsync("?recipient=" + Staff.ArabicApprover)).Single()!["view"]!;

        using var response = await _host.Client.GetAsync(view);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType!.MediaType);
        Assert.Contains("dir=\"rtl\"", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Contains("default-src 'none'", response.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Outside_development_there_is_no_outbox_endpoint()
    {
        await using var staging = await TestWebHost.StartAsync(channel: "Outbox", teams: false, environment: "Staging");

        using var response = await staging.Client.GetAsync("/dev/outbox");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    private async Task<JsonArray> ListAsync(string query)
    {
        using var response = await _host.Client.GetAsync("/dev/outbox" + query);
        response.EnsureSuccessStatusCode();
        return JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsArray();
    }
}
