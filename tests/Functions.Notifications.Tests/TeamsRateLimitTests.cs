using System.Net;
using Workflows.Functions.Notifications.Tests.Support;

namespace Workflows.Functions.Notifications.Tests;

/// <summary>The messaging endpoint's own limits: generous per address, then per Teams user after the token check.</summary>
public sealed class TeamsRateLimitTests
{
    private const string ApproverAad = "0a0a0a0a-0000-4000-8000-00000000a001";
    private const string OtherAad = "0a0a0a0a-0000-4000-8000-00000000a002";

    private static async Task<TestWebHost> StartAsync(Dictionary<string, string?>? settings = null)
    {
        var host = await TestWebHost.StartAsync(extraSettings: settings);
        host.Bot.Member("29:approver", "amelie@prisons.test", ApproverAad);
        host.Bot.Member("29:other", "oleg@prisons.test", OtherAad);
        return host;
    }

    [Fact]
    public async Task Forty_card_actions_within_a_minute_are_all_answered_under_the_default_limits()
    {
        await using var host = await StartAsync();
        var task = await host.OpenTaskAsync(Staff.Approver);

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 40; i++)
        {
            var (mri, aad) = i % 2 == 0 ? ("29:approver", ApproverAad) : ("29:other", OtherAad);
            using var response = await host.PostActivityAsync(FakeBotFramework.CardAction("refresh", task.TaskId, mri, aad));
            statuses.Add(response.StatusCode);
        }

        Assert.All(statuses, status => Assert.Equal(HttpStatusCode.OK, status));
    }

    [Fact]
    public async Task A_teams_user_over_the_per_sender_limit_gets_429_while_a_colleague_is_still_answered()
    {
        await using var host = await StartAsync(new() { ["Workflows:RateLimits:TeamsPerSenderPerMinute"] = "3" });
        var task = await host.OpenTaskAsync(Staff.Approver);
        for (var i = 0; i < 3; i++)
        {
            using var allowed = await host.PostActivityAsync(FakeBotFramework.CardAction("refresh", task.TaskId, "29:approver", ApproverAad));
            Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
        }

        using var limited = await host.PostActivityAsync(FakeBotFramework.CardAction("refresh", task.TaskId, "29:approver", ApproverAad));
        using var colleague = await host.PostActivityAsync(FakeBotFramework.CardAction("refresh", task.TaskId, "29:other", OtherAad));

        Assert.Equal((HttpStatusCode.TooManyRequests, true, HttpStatusCode.OK), (limited.StatusCode, limited.Headers.RetryAfter is not null, colleague.StatusCode));
    }

    [Fact]
    public async Task A_flood_from_one_address_over_the_per_address_limit_gets_429_before_any_token_check()
    {
        await using var host = await StartAsync(new() { ["Workflows:RateLimits:TeamsPerAddressPerMinute"] = "2" });
        var task = await host.OpenTaskAsync(Staff.Approver);
        for (var i = 0; i < 2; i++)
        {
            using var unauthorized = await host.PostActivityAsync(FakeBotFramework.CardAction("refresh", task.TaskId, "29:approver", ApproverAad), token: "forged");
            Assert.Equal(HttpStatusCode.Unauthorized, unauthorized.StatusCode);
        }

        using var limited = await host.PostActivityAsync(FakeBotFramework.CardAction("refresh", task.TaskId, "29:approver", ApproverAad));

        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
    }
}
