using System.Net;
using System.Text.Json.Nodes;
using Azure.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Workflows.Approvals;
using Workflows.Audit;
using Workflows.Functions.Notifications.Failures;
using Workflows.Functions.Notifications.Tests.Support;
using Workflows.Functions.Teams;
using Workflows.Notifications;

namespace Workflows.Functions.Notifications.Tests;

/// <summary>Task cards sent proactively through a local fake Bot Connector (and mail through a fake Graph).</summary>
public sealed class ProactiveTeamsTests : IDisposable
{
    private const string Conversations = FakeBotFramework.ConnectorPrefix + "conversations";
    private const string Activities = Conversations + "/a%3Anew-personal/activities";
    private readonly List<IDisposable> _disposables = [];

    [Fact]
    public async Task A_new_task_opens_the_personal_conversation_and_posts_the_task_card()
    {
        var (bot, services) = Build();
        await OpenTaskAsync(services, Staff.EntraPerson);

        await services.GetRequiredService<INotifier>().SendAsync(TestNotifications.NewTask(Staff.EntraPerson));

        var token = Assert.Single(bot.Handler.To("login.botframework.test/botframework.com/oauth2/v2.0/token"));
        Assert.Contains("grant_type=client_credentials", token.Body!, StringComparison.Ordinal);
        Assert.Contains("client_id=" + FakeBotFramework.BotAppId, token.Body!, StringComparison.Ordinal);
        Assert.Contains("scope=https%3A%2F%2Fapi.botframework.com%2F.default", token.Body!, StringComparison.Ordinal);
        var create = Assert.Single(bot.Handler.Requests, r => r.Target == Conversations);
        Assert.Equal("Bearer bot-outgoing-token", create.Authorization);
        var conversation = JsonNode.Parse(create.Body!)!;
        Assert.Equal("28:" + FakeBotFramework.BotAppId, (string)conversation["bot"]!["id"]!);
        Assert.Equal(Staff.EntraPerson, (string)conversation["members"]![0]!["id"]!);
        Assert.Equal(FakeBotFramework.TenantId, (string)conversation["channelData"]!["tenant"]!["id"]!);
        Assert.False((bool)conversation["isGroup"]!);
        var activity = JsonNode.Parse(Assert.Single(bot.Handler.To(Activities)).Body!)!;
        Assert.Equal("message", (string)activity["type"]!);
        var attachment = activity["attachments"]![0]!;
        Assert.Equal("application/vnd.microsoft.card.adaptive", (string)attachment["contentType"]!);
        var card = attachment["content"]!.AsObject();
        Assert.Equal("1.5", (string)card["version"]!);
        Assert.Equal(["approve", "reject"], Cards.ExecuteVerbs(card));
        Assert.True(Cards.HasCommentBox(card));
        Assert.Equal("refresh", (string)card["refresh"]!["action"]!["verb"]!);
        Assert.Single(bot.Handler.To("graph.microsoft.com/"));
    }

    [Fact]
    public async Task By_default_the_card_shows_the_case_reference_and_the_step_and_nothing_else()
    {
        var (bot, services) = Build();
        await OpenTaskAsync(services, Staff.EntraPerson);

        await services.GetRequiredService<INotifier>().SendAsync(TestNotifications.NewTask(Staff.EntraPerson));

        var card = PostedCard(bot);
        Assert.Equal([("Case reference", "REF-2026-0042"), ("Step", "eligibility")], Cards.Facts(card));
        Assert.DoesNotContain("disengagement", card.ToJsonString(), StringComparison.Ordinal);
        Assert.DoesNotContain("January", card.ToJsonString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_deployment_that_allows_it_also_shows_the_workflow_and_the_due_date_on_the_card()
    {
        var (bot, services) = Build(settings: new() { ["Workflows:Notifications:MessageFacts"] = "CaseReference, Step, Workflow, Due" });
        await OpenTaskAsync(services, Staff.EntraPerson);

        await services.GetRequiredService<INotifier>().SendAsync(TestNotifications.NewTask(Staff.EntraPerson));

        var facts = Cards.Facts(PostedCard(bot));
        Assert.Equal(["Case reference", "Workflow", "Step", "Due"], facts.Select(f => f.Title));
        Assert.Equal(["REF-2026-0042", "referral to a disengagement programme", "eligibility"], facts.Take(3).Select(f => f.Value));

        // The time's spacing follows the platform's culture data (ICU); the date and zone are fixed.
        Assert.Matches(@"^Monday, January 12, 2026 5:00\sPM \(UTC\)$", facts[3].Value);
    }

    [Fact]
    public async Task A_known_conversation_is_reused_and_the_card_refreshes_for_the_user()
    {
        var (bot, services) = Build();
        await OpenTaskAsync(services, Staff.Approver);
        await RememberConversationAsync(services);

        await services.GetRequiredService<INotifier>().SendAsync(TestNotifications.NewTask(Staff.Approver));
        await services.GetRequiredService<INotifier>().SendAsync(TestNotifications.Of(NotificationKind.Reminder, Staff.Approver));

        Assert.DoesNotContain(bot.Handler.Requests, r => r.Target == Conversations);
        var posts = bot.Handler.To(Activities);
        Assert.Equal(2, posts.Count);
        var card = JsonNode.Parse(posts[0].Body!)!["attachments"]![0]!["content"]!;
        Assert.Equal("29:approver", (string)card["refresh"]!["userIds"]![0]!);
        Assert.Equal("fr", (string)card["lang"]!);
    }

    [Fact]
    public async Task Someone_without_the_app_installed_gets_the_email_and_the_card_is_audited_once_as_not_deliverable()
    {
        var (bot, services) = Build(connector: handler => handler.On(HttpMethod.Post, Conversations, HttpStatusCode.Forbidden, "{\"error\":{\"code\":\"BotNotInConversationRoster\"}}"));
        await OpenTaskAsync(services, Staff.Approver);
        await services.GetRequiredService<ITeamsConversationStore>().SaveAsync(new TeamsConversation { PersonId = Staff.Approver, AadObjectId = "0a0a0a0a-0000-4000-8000-00000000a009" });
        var notification = TestNotifications.NewTask(Staff.Approver);

        await services.GetRequiredService<INotifier>().SendAsync(notification);
        await services.GetRequiredService<INotifier>().SendAsync(notification);

        Assert.Empty(await services.GetRequiredService<INotificationFailureStore>().ListForCaseAsync("case-1"));
        Assert.Single(bot.Handler.To("graph.microsoft.com/"));
        Assert.Single(bot.Handler.To(Conversations));
        Assert.Empty(bot.Handler.To(Conversations + "/"));
        var entry = Assert.Single(await services.GetRequiredService<IAuditLog>().ReadAsync("case-1"));
        Assert.Equal((NotificationAudit.NotDeliverableAction, "NotReachableOnTeams", "Teams", "t-1"), (entry.Action, entry.Reason, entry.Ids["channel"], entry.Ids["taskId"]));
    }

    [Fact]
    public async Task Notifications_that_ask_for_no_decision_go_by_email_only()
    {
        var (bot, services) = Build();

        await services.GetRequiredService<INotifier>().SendAsync(TestNotifications.Of(NotificationKind.Outcome, Staff.EntraPerson, taskId: null));

        Assert.Single(bot.Handler.To("graph.microsoft.com/"));
        Assert.Empty(bot.Handler.To(FakeBotFramework.ConnectorPrefix));
    }

    [Fact]
    public async Task A_throttled_card_is_posted_again_no_sooner_than_Retry_After_asks()
    {
        var clock = new WatchedClock();
        var (bot, services) = Build(clock, handler => handler.On(HttpMethod.Post, Activities, (_, call) =>
        {
            if (call > 1)
            {
                return FakeHttpHandler.Json(HttpStatusCode.Created, "{\"id\":\"1:activity-1\"}");
            }

            var throttled = FakeHttpHandler.Json(HttpStatusCode.TooManyRequests);
            throttled.Headers.Add("Retry-After", "20");
            return throttled;
        }));
        await OpenTaskAsync(services, Staff.Approver);
        await RememberConversationAsync(services);
        var waiting = clock.WaitForTimerAsync(TimeSpan.FromSeconds(20));

        var sending = services.GetRequiredService<INotifier>().SendAsync(TestNotifications.NewTask(Staff.Approver));
        await waiting;
        clock.Advance(TimeSpan.FromSeconds(20) - TimeSpan.FromMilliseconds(1));
        var beforeRetryAfter = bot.Handler.To(Activities).Count;
        clock.Advance(TimeSpan.FromMilliseconds(1));
        await sending.WaitAsync(TimeSpan.FromSeconds(30));

        var posts = bot.Handler.To(Activities);
        Assert.Equal((1, 2), (beforeRetryAfter, posts.Count));
        Assert.Equal(TimeSpan.FromSeconds(20), posts[1].At - posts[0].At);
    }

    [Fact]
    public async Task Bot_Connector_server_errors_are_retried_and_the_card_is_posted_once()
    {
        var clock = new FakeTimeProvider();
        var (bot, services) = Build(clock, handler => handler.On(HttpMethod.Post, Activities, (_, call) =>
            call <= 2 ? FakeHttpHandler.Json(HttpStatusCode.BadGateway) : FakeHttpHandler.Json(HttpStatusCode.Created, "{\"id\":\"1:activity-1\"}")));
        await OpenTaskAsync(services, Staff.Approver);
        await RememberConversationAsync(services);

        var sending = services.GetRequiredService<INotifier>().SendAsync(TestNotifications.NewTask(Staff.Approver));
        await DriveClockUntilAsync(clock, sending);

        Assert.Equal(3, bot.Handler.To(Activities).Count);
        Assert.Empty(await services.GetRequiredService<INotificationFailureStore>().ListForCaseAsync("case-1"));
    }

    [Fact]
    public async Task A_redelivered_notification_posts_the_card_once()
    {
        var (bot, services) = Build();
        await OpenTaskAsync(services, Staff.Approver);
        await RememberConversationAsync(services);
        var notification = TestNotifications.NewTask(Staff.Approver);

        await services.GetRequiredService<INotifier>().SendAsync(notification);
        await services.GetRequiredService<INotifier>().SendAsync(notification);

        Assert.Single(bot.Handler.To(Activities));
    }

    [Fact]
    public async Task When_the_email_fails_the_redelivery_sends_the_email_and_does_not_post_the_card_again()
    {
        var email = new ScriptedChannel(Email.EmailChannel.ChannelName).ThenThrow(new NotificationDeliveryException("Graph503", transient: true)).ThenSend();
        var (bot, services) = Build(configure: collection =>
        {
            collection.Remove(collection.Single(d => d.ServiceType == typeof(INotificationChannel) && d.ImplementationType == typeof(Email.EmailChannel)));
            collection.AddSingleton<INotificationChannel>(email);
        });
        await OpenTaskAsync(services, Staff.Approver);
        await RememberConversationAsync(services);
        var notification = TestNotifications.NewTask(Staff.Approver);

        await Assert.ThrowsAsync<NotificationDeliveryException>(() => services.GetRequiredService<INotifier>().SendAsync(notification));
        await services.GetRequiredService<INotifier>().SendAsync(notification);

        Assert.Equal(2, email.Calls);
        Assert.Single(bot.Handler.To(Activities));
    }

    public void Dispose()
    {
        foreach (var disposable in _disposables)
        {
            disposable.Dispose();
        }
    }

    private static JsonObject PostedCard(FakeBotFramework bot) =>
        JsonNode.Parse(Assert.Single(bot.Handler.To(Activities)).Body!)!["attachments"]![0]!["content"]!.AsObject();

    private (FakeBotFramework Bot, ServiceProvider Services) Build(
        TimeProvider? clock = null,
        Action<FakeHttpHandler>? connector = null,
        Dictionary<string, string?>? settings = null,
        Action<IServiceCollection>? configure = null)
    {
        var bot = new FakeBotFramework(clock);
        _disposables.Add(bot);
        bot.Handler.On(HttpMethod.Post, "graph.microsoft.com/", HttpStatusCode.Accepted);
        connector?.Invoke(bot.Handler);
        bot.Handler
            .On(HttpMethod.Post, Activities, HttpStatusCode.Created, "{\"id\":\"1:activity-1\"}")
            .On(HttpMethod.Post, Conversations, (_, _) => FakeHttpHandler.Json(HttpStatusCode.Created, "{\"id\":\"a:new-personal\"}"));
        var all = NotificationServices.Settings("Graph");
        foreach (var (key, value) in FakeBotFramework.Settings().Concat(settings ?? []))
        {
            all[key] = value;
        }

        var services = NotificationServices.Create(all);
        if (clock is not null)
        {
            services.AddSingleton(clock);
        }

        configure?.Invoke(services);
        services.AddKeyedSingleton<TokenCredential>(NotificationsServiceCollectionExtensions.GraphCredentialKey, new StaticCredential());
        foreach (var name in new[] { NotificationsServiceCollectionExtensions.GraphHttpClientName, BotConnectorClient.HttpClientName, ClientSecretBotTokenProvider.HttpClientName })
        {
            services.AddHttpClient(name).ConfigurePrimaryHttpMessageHandler(() => bot.Handler);
        }

        var provider = services.BuildServiceProvider();
        _disposables.Add(provider);
        return (bot, provider);
    }

    private static Task RememberConversationAsync(ServiceProvider services) =>
        services.GetRequiredService<ITeamsConversationStore>().SaveAsync(new TeamsConversation
        {
            PersonId = Staff.Approver,
            AadObjectId = "0a0a0a0a-0000-4000-8000-00000000a001",
            UserMri = "29:approver",
            ConversationId = "a:new-personal",
            ServiceUrl = FakeBotFramework.ServiceUrl,
            TenantId = FakeBotFramework.TenantId,
        });

    private static async Task OpenTaskAsync(ServiceProvider services, string assigneeId) =>
        await services.GetRequiredService<IApprovalTaskStore>().CreateAsync(new ApprovalTask
        {
            TaskId = "t-1",
            Workflow = WorkflowNames.Referral,
            CaseId = "case-1",
            CaseReference = "REF-2026-0042",
            InstanceId = "i-1",
            Step = "eligibility",
            AssigneeId = assigneeId,
            Role = Roles.ProgrammeCoordinator,
            FacilityId = "almaty",
            Due = new DateTimeOffset(2026, 1, 12, 17, 0, 0, TimeSpan.Zero),
        });

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
