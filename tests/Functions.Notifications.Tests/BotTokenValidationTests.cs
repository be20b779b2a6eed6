using Microsoft.Extensions.DependencyInjection;
using Workflows.Functions.Notifications.Tests.Support;
using Workflows.Functions.Teams;

namespace Workflows.Functions.Notifications.Tests;

/// <summary>The Bot Framework JWT, validated with keys from a local OpenID metadata endpoint.</summary>
public sealed class BotTokenValidationTests : IDisposable
{
    private const string Teams = "msteams";
    private readonly FakeBotFramework _bot = new();
    private readonly ServiceProvider _services;

    public BotTokenValidationTests()
    {
        _services = Build(_bot);
    }

    private BotTokenValidator Validator => _services.GetRequiredService<BotTokenValidator>();

    [Fact]
    public async Task A_token_signed_with_the_published_key_is_accepted()
    {
        var identity = await Validator.ValidateAsync("Bearer " + _bot.Token(), FakeBotFramework.ServiceUrl, Teams);

        Assert.NotNull(identity);
        Assert.Contains(_bot.Handler.Requests, r => r.Target == "login.botframework.test/v1/.well-known/keys");
    }

    [Fact]
    public async Task A_token_from_another_issuer_is_refused() =>
        Assert.Null(await Validator.ValidateAsync("Bearer " + _bot.Token(issuer: "https://sts.windows.net/evil/"), FakeBotFramework.ServiceUrl, Teams));

    [Fact]
    public async Task A_token_for_another_bot_is_refused() =>
        Assert.Null(await Validator.ValidateAsync("Bearer " + _bot.Token(audience: "00000000-0000-0000-0000-000000000001"), FakeBotFramework.ServiceUrl, Teams));

    [Fact]
    public async Task An_expired_token_is_refused() =>
        Assert.Null(await Validator.ValidateAsync("Bearer " + _bot.Token(expires: DateTime.UtcNow.AddMinutes(-6)), FakeBotFramework.ServiceUrl, Teams));

    [Fact]
    public async Task A_token_expired_within_the_clock_skew_is_accepted() =>
        Assert.NotNull(await Validator.ValidateAsync("Bearer " + _bot.Token(expires: DateTime.UtcNow.AddMinutes(-4)), FakeBotFramework.ServiceUrl, Teams));

    [Fact]
    public async Task A_token_signed_with_another_key_is_refused() =>
        Assert.Null(await Validator.ValidateAsync("Bearer " + _bot.Token(key: _bot.OtherKey), FakeBotFramework.ServiceUrl, Teams));

    [Fact]
    public async Task A_token_for_another_service_url_is_refused() =>
        Assert.Null(await Validator.ValidateAsync("Bearer " + _bot.Token(), "https://attacker.test/teams/", Teams));

    [Fact]
    public async Task A_token_for_a_channel_its_key_is_not_endorsed_for_is_refused() =>
        Assert.Null(await Validator.ValidateAsync("Bearer " + _bot.Token(), FakeBotFramework.ServiceUrl, "webchat"));

    [Fact]
    public async Task A_token_from_an_activity_without_a_channel_is_refused() =>
        Assert.Null(await Validator.ValidateAsync("Bearer " + _bot.Token(), FakeBotFramework.ServiceUrl, null));

    [Fact]
    public async Task A_token_signed_with_a_published_key_that_is_not_endorsed_for_teams_is_refused()
    {
        using var webchatOnly = new FakeBotFramework(endorsements: ["webchat"]);
        await using var services = Build(webchatOnly);

        var identity = await services.GetRequiredService<BotTokenValidator>().ValidateAsync("Bearer " + webchatOnly.Token(), FakeBotFramework.ServiceUrl, Teams);

        Assert.Null(identity);
        Assert.Contains(webchatOnly.Handler.Requests, r => r.Target == "login.botframework.test/v1/.well-known/keys");
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("Basic Ym90OnNlY3JldA==")]
    [InlineData("Bearer not-a-jwt")]
    public async Task A_missing_or_malformed_authorization_is_refused(string? header) =>
        Assert.Null(await Validator.ValidateAsync(header, FakeBotFramework.ServiceUrl, Teams));

    private static ServiceProvider Build(FakeBotFramework bot)
    {
        var settings = NotificationServices.Settings();
        foreach (var (key, value) in FakeBotFramework.Settings())
        {
            settings[key] = value;
        }

        var services = NotificationServices.Create(settings);
        services.AddHttpClient(NotificationsServiceCollectionExtensions.BotMetadataHttpClientName).ConfigurePrimaryHttpMessageHandler(() => bot.Handler);
        return services.BuildServiceProvider();
    }

    public void Dispose()
    {
        _services.Dispose();
        _bot.Dispose();
    }
}
