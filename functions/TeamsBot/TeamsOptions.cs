namespace Workflows.Functions.Teams;

/// <summary>
/// The Teams bot (section <c>Workflows:Teams</c>). The bot is on when <see cref="BotAppId"/> is set.
/// Without <see cref="BotAppPassword"/> its outgoing token comes from <c>DefaultAzureCredential</c>
/// (a managed-identity bot). The endpoints of the Bot Framework are settings so tests can point them at
/// local fakes.
/// </summary>
public sealed class TeamsOptions
{
    public const string Section = "Workflows:Teams";

    /// <summary>The bot's Entra app id: the audience of incoming tokens and the bot id of the Teams app.</summary>
    public string BotAppId { get; set; } = string.Empty;

    public string BotAppPassword { get; set; } = string.Empty;

    /// <summary>The tenant of a single-tenant bot (and of the users it writes to); when set, activities from other tenants are refused.</summary>
    public string BotTenantId { get; set; } = string.Empty;

    /// <summary>Where the Bot Framework publishes its signing keys.</summary>
    public string OpenIdMetadataUrl { get; set; } = "https://login.botframework.com/v1/.well-known/openidconfiguration";

    /// <summary>Issuers accepted on incoming tokens.</summary>
    public IList<string> ValidIssuers { get; } = ["https://api.botframework.com"];

    /// <summary>Tolerance for clock differences when checking token lifetimes.</summary>
    public TimeSpan ClockSkew { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>The token endpoint for outgoing calls; empty for the tenant's (or botframework.com's) v2.0 endpoint.</summary>
    public string TokenEndpoint { get; set; } = string.Empty;

    public string TokenScope { get; set; } = "https://api.botframework.com/.default";

    /// <summary>The Bot Connector used to open a personal conversation with someone who never wrote to the bot.</summary>
    public string ServiceUrl { get; set; } = "https://smba.trafficmanager.net/teams/";

    public bool Enabled => !string.IsNullOrWhiteSpace(BotAppId);

    /// <summary>The token endpoint in use.</summary>
    public Uri ResolvedTokenEndpoint => new(!string.IsNullOrWhiteSpace(TokenEndpoint)
        ? TokenEndpoint
        : $"https://login.microsoftonline.com/{(string.IsNullOrWhiteSpace(BotTenantId) ? "botframework.com" : BotTenantId)}/oauth2/v2.0/token");
}
