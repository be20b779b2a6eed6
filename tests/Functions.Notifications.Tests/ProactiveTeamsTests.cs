using System.Net;
using System.Text.Json.Nodes;
using Azure.Core;
using Microsoft.Extensions.DependencyInjection;
using Workflows.Approvals;
using Workflows.Functions.Notifications.Failures;
using Workflows.Functions.Notifications.Tests.Support;
using Workflows.Functions.Teams;
using Workflows.Notifications;

namespace Workflows.Functions.Notifications.Tests;

/// <summary>Task cards sent proactively through a local fake Bot Connector (and mail through a fake Graph).</summary>
public sealed class ProactiveTeamsTests : IDisposable
{
    private const string Conversations = FakeBotFramework.ConnectorPrefix + "conversations";
    private readonly FakeBotFramework _bot = new();
    private readonly ServiceProvider _services;

    public ProactiveTeamsTests()
    {
        _bot.Handler
            .On(HttpMethod.Post, "graph.microsoft.com/", HttpStatusCode.Accepted)
            .On(HttpMethod.Post, Conversations + "/a%3Anew-personal/activities", HttpStatusCode.Created, "{\"id\":\"1:activity-1\"}")
            .On(HttpMethod.Post, Conversations, (_, _) => FakeHttpHandler.Json(HttpStatusCode.Created, "{\"id\":\"a:new-personal\"}"));
        var settings = NotificationServices.Settings("Graph");
        foreach (var (key, value) in FakeBotFramework.Settings())
        {
            settings[key] = value;
        }

        var services = NotificationServices.Create(settings);
        services.AddKeyedSingleton<TokenCredential>(NotificationsServiceCollectionExtensions.GraphCredentialKey, new StaticCredential());
        foreach (var name in new[] { NotificationsServiceCollectionExtensions.GraphHttpClientName, BotConnectorClient.HttpClientName, ClientSecretBotTokenProvider.HttpClientName })
        {
            services.AddHttpClient(name).ConfigurePrimaryHttpMessageHandler(() => _bot.Handler);
        }

        _services = services.BuildServiceProvider();
    }

    private INotifier Notifier => _services.GetRequiredService<INotifier>();

    [Fact]
    public async Task A_new_task_opens_the_personal_conversation_and_posts_the_task_card()
    {
        await OpenTaskAsync(Staff.EntraPerson);

        await Notifier.SendAsync(TestNotifications.NewTask(Staff.EntraPerson));

        var token = Assert.Single(_bot.Handler.To("login.botframework.test/botframework.com/oauth2/v2.0/token"));
        Assert.Contains("grant_type=client_credentials", token.Body!, StringComparison.Ordinal);
        Assert.Contains("client_id=" + FakeBotFramework.BotAppId, token.Body!, StringComparison.Ordinal);
        Assert.Contains("scope=https%3A%2F%2Fapi.botframework.com%2F.default", token.Body!, StringComparison.Ordinal);
        var create = Assert.Single(_bot.Handler.Requests, r => r.Target == Conversations);
        Assert.Equal("Bearer bot-outgoing-token", create.Authorization);
        var conversation = JsonNode.Parse(create.Body!)!;
        Assert.Equal("28:" + FakeBotFramework.BotAppId, (string)conversation["bot"]!["id"]!);
        Assert.Equal(Staff.EntraPerson, (string)conversation["members"]![0]!["id"]!);
        Assert.Equal(FakeBotFramework.TenantId, (string)conversation["channelData"]!["tenant"]!["id"]!);
        Assert.False((bool)conversation["isGroup"]!);
        var post = Assert.Single(_bot.Handler.To(Conversations + "/a%3Anew-personal/activities"));
        var activity = JsonNode.Parse(post.Body!)!;
        Assert.Equal("message", (string)activity["type"]!);
        var attachment = activity["attachments"]![0]!;
        Assert.Equal("application/vnd.microsoft.card.adaptive", (string)attachment["contentType"]!);
        var card = attachment["content"]!.AsObject();
        Assert.Equal("1.5", (string)card["version"]!);
        Assert.Equal(["approve", "reject"], Cards.ExecuteVerbs(card));
        Assert.True(Cards.HasCommentBox(card));
        Assert.Equal("refresh", (string)card["refresh"]!["action"]!["verb"]!);
        Assert.Contains("REF-2026-0042", card.ToJsonString(), StringComparison.Ordinal);
        Assert.Single(_bot.Handler.To("graph.microsoft.com/"));
    }

    [Fact]
    public async Task A_known_conversation_is_reused_and_the_card_refreshes_for_the_user()
    {
        await OpenTaskAsync(Staff.Approver);
        await _services.GetRequiredService<ITeamsConversationStore>().SaveAsync(new TeamsConversation
        {
            PersonId = Staff.Approver,
            AadObjectId = "0a0a0a0a-0000-4000-8000-00000000a001",
            UserMri = "29:approver",
            ConversationId = "a:new-personal",
            ServiceUrl = FakeBotFramework.ServiceUrl,
            TenantId = FakeBotFramework.TenantId,
        });

        await Notifier.SendAsync(TestNotifications.NewTask(Staff.Approver));
        await Notifier.SendAsync(TestNotifications.Of(NotificationKind.Reminder, Staff.Approver));

        Assert.DoesNotContain(_bot.Handler.Requests, r => r.Target == Conversations);
        var posts = _bot.Handler.To(Conversations + "/a%3Anew-personal/activities");
        Assert.Equal(2, posts.Count);
        var card = JsonNode.Parse(posts[0].Body!)!["attachments"]![0]!["content"]!;
        Assert.Equal("29:approver", (string)card["refresh"]!["userIds"]![0]!);
        Assert.Equal("fr", (string)card["lang"]!);
    }

    [Fact]
    public async Task Someone_without_the_app_installed_gets_the_email_and_no_failure_is_recorded()
    {
        await OpenTaskAsync(Staff.Approver);
        await _services.GetRequiredService<ITeamsConversationStore>().SaveAsync(new TeamsConversation { PersonId = Staff.Approver, AadObjectId = "0a0a0a0a-0000-4000-8000-00000000a009" });
        var failing = BuildWithForbiddenConnector();

        await failing.GetRequiredService<INotifier>().SendAsync(TestNotifications.NewTask(Staff.Approver));

        Assert.Empty(await failing.GetRequiredService<INotificationFailureStore>().ListForCaseAsync("case-1"));
        Assert.Single(_forbidden!.To("graph.microsoft.com/"));
        Assert.Single(_forbidden.To(Conversations));
        Assert.Empty(_forbidden.To(Conversations + "/"));
    }

    [Fact]
    public async Task Notifications_that_ask_for_no_decision_go_by_email_only()
    {
        await Notifier.SendAsync(TestNotifications.Of(NotificationKind.Outcome, Staff.EntraPerson, taskId: null));

        Assert.Single(_bot.Handler.To("graph.microsoft.com/"));
        Assert.Empty(_bot.Handler.To(FakeBotFramework.ConnectorPrefix));
    }

    public void Dispose()
    {
        _services.Dispose();
        _forbiddenBot?.Dispose();
        _bot.Dispose();
    }

    private FakeBotFramework? _forbiddenBot;
    private FakeHttpHandler? _forbidden;

    private ServiceProvider BuildWithForbiddenConnector()
    {
        _forbiddenBot = new FakeBotFramework();
        _forbidden = _forbiddenBot.Handler
            .On(HttpMethod.Post, "graph.microsoft.com/", HttpStatusCode.Accepted)
            .On(HttpMethod.Post, Conversations, HttpStatusCode.Forbidden, "{\"error\":{\"code\":\"BotNotInConversationRoster\"}}");
        var settings = NotificationServices.Settings("Graph");
        foreach (var (key, value) in FakeBotFramework.Settings())
        {
            settings[key] = value;
        }

        var services = NotificationServices.Create(settings);
        services.AddKeyedSingleton<TokenCredential>(NotificationsServiceCollectionExtensions.GraphCredentialKey, new StaticCredential());
        services.AddSingleton(_services.GetRequiredService<IApprovalTaskStore>());
        services.AddSingleton(_services.GetRequiredService<ITeamsConversationStore>());
        foreach (var name in new[] { NotificationsServiceCollectionExtensions.GraphHttpClientName, BotConnectorClient.HttpClientName, ClientSecretBotTokenProvider.HttpClientName })
        {
            services.AddHttpClient(name).ConfigurePrimaryHttpMessageHandler(() => _forbidden);
        }

        return services.BuildServiceProvider();
    }

    private async Task OpenTaskAsync(string assigneeId) =>
        await _services.GetRequiredService<IApprovalTaskStore>().CreateAsync(new ApprovalTask
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
}
