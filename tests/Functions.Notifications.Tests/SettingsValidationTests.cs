using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Workflows.Functions.Notifications.Graph;
using Workflows.Functions.Notifications.Tests.Support;
using Workflows.Functions.People;
using Workflows.Functions.Teams;

namespace Workflows.Functions.Notifications.Tests;

/// <summary>Start-up validation: wrong settings stop the host with a message naming the setting.</summary>
public sealed class SettingsValidationTests
{
    [Theory]
    [InlineData("Workflows:DefaultLanguage", "de", "Workflows:DefaultLanguage")]
    [InlineData("Workflows:PublicBaseUrl", "", "Workflows:PublicBaseUrl")]
    [InlineData("Workflows:Notifications:MaxAttempts", "0", "Workflows:Notifications:MaxAttempts")]
    [InlineData("Workflows:Notifications:TimeZone", "Mars/Olympus", "Workflows:Notifications:TimeZone")]
    [InlineData("Workflows:Notifications:MessageFacts", "CaseReference, Workflow", "Workflows:Notifications:MessageFacts")]
    public void Wrong_notification_settings_name_the_setting(string key, string value, string named) =>
        AssertFails<NotificationOptions>(new() { [key] = value }, named);

    [Fact]
    public void Graph_mail_without_a_sending_mailbox_names_the_setting() =>
        AssertFails<GraphOptions>(new() { ["Workflows:Notifications:Channel"] = "Graph", ["Workflows:Graph:SenderMailbox"] = "" }, "Workflows:Graph:SenderMailbox");

    [Fact]
    public void A_client_secret_without_tenant_and_client_ids_names_them() =>
        AssertFails<GraphOptions>(new() { ["Workflows:Notifications:Channel"] = "Graph", ["Workflows:Graph:ClientSecret"] = "s" }, "Workflows:Graph:TenantId", "Workflows:Graph:ClientId");

    [Fact]
    public void A_bot_id_that_is_not_a_guid_names_the_setting() =>
        AssertFails<TeamsOptions>(new() { ["Workflows:Teams:BotAppId"] = "my-bot" }, "Workflows:Teams:BotAppId");

    [Fact]
    public void A_graph_directory_with_an_unknown_role_names_the_mapping() =>
        AssertFails<DirectoryOptions>(
            new()
            {
                ["Workflows:Directory:Source"] = "Graph",
                ["Workflows:Directory:GroupRoles:0:GroupId"] = "aaaaaaaa-0000-4000-8000-00000000000a",
                ["Workflows:Directory:GroupRoles:0:Role"] = "warden",
                ["Workflows:Directory:GroupRoles:0:ScopeId"] = "almaty",
            },
            "Workflows:Directory:GroupRoles:0:Role");

    [Fact]
    public void A_women_staff_group_that_is_not_a_group_id_names_the_setting() =>
        AssertFails<DirectoryOptions>(
            new()
            {
                ["Workflows:Directory:Source"] = "Graph",
                ["Workflows:Directory:GroupRoles:0:GroupId"] = "aaaaaaaa-0000-4000-8000-00000000000a",
                ["Workflows:Directory:GroupRoles:0:Role"] = Roles.ProgrammeCoordinator,
                ["Workflows:Directory:GroupRoles:0:ScopeId"] = "almaty",
                ["Workflows:Directory:WomenStaffGroupId"] = "Women staff",
            },
            "Workflows:Directory:WomenStaffGroupId");

    [Theory]
    [InlineData("2.00:00:00", 2)]
    [InlineData(null, 30)]
    public async Task Links_in_messages_live_as_long_as_approval_links(string? approvalLinkLifetime, int days)
    {
        var settings = NotificationServices.Settings();
        if (approvalLinkLifetime is not null)
        {
            settings["Workflows:ApprovalLinks:Lifetime"] = approvalLinkLifetime;
        }

        var clock = new WatchedClock();
        var collection = NotificationServices.Create(settings);
        collection.AddSingleton<TimeProvider>(clock);
        using var services = collection.BuildServiceProvider();

        await services.GetRequiredService<NotificationLinkBuilder>().BuildAsync(TestNotifications.NewTask(Staff.Approver), CancellationToken.None);

        Assert.Equal(clock.GetUtcNow().AddDays(days), services.GetRequiredService<FakeApprovalLinks>().Issued.Single().ExpiresAt);
    }

    [Fact]
    public void The_development_defaults_are_valid()
    {
        using var services = NotificationServices.Create(NotificationServices.Settings()).BuildServiceProvider();

        Assert.Equal(NotificationChannelKind.Outbox, services.GetRequiredService<IOptions<NotificationOptions>>().Value.Channel);
        Assert.Equal(MessageFacts.CaseReference | MessageFacts.Step, services.GetRequiredService<IOptions<NotificationOptions>>().Value.MessageFacts);
        Assert.Equal(GraphMailFormat.Mime, services.GetRequiredService<IOptions<GraphOptions>>().Value.MailFormat);
        Assert.NotNull(services.GetRequiredService<IOptions<GraphOptions>>().Value);
        Assert.NotNull(services.GetRequiredService<IOptions<TeamsOptions>>().Value);
        Assert.NotNull(services.GetRequiredService<IOptions<DirectoryOptions>>().Value);
    }

    private static void AssertFails<TOptions>(Dictionary<string, string?> overrides, params string[] named)
        where TOptions : class
    {
        var settings = NotificationServices.Settings();
        foreach (var (key, value) in overrides)
        {
            settings[key] = value;
        }

        using var services = NotificationServices.Create(settings).BuildServiceProvider();
        var error = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<TOptions>>().Value);
        foreach (var setting in named)
        {
            Assert.Contains(setting, error.Message, StringComparison.Ordinal);
        }
    }
}
