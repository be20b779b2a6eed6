using System.Security.Claims;
using System.Threading.RateLimiting;
using Workflows.Functions.Configuration;

namespace Workflows.Functions.Hosting;

/// <summary>
/// Rate limits. Approval links and sign-in are public entry points (a link is a bearer secret), so they
/// get a tight per-client-address limit. The API gets a generous limit per signed-in person: the limiter
/// runs after authentication, so staff behind one facility's NAT address each have their own. The Teams
/// endpoint has its own per-address limit, high because every Teams user's clicks arrive from the Bot
/// Framework's few addresses; after the channel's token is checked the bot limits each sender as well.
/// </summary>
public static class RateLimits
{
    /// <summary>The policy for approval links and sign-in pages.</summary>
    public const string PublicEntry = "public-entry";

    /// <summary>The policy for the authenticated API.</summary>
    public const string Api = "api";

    /// <summary>The policy of the Teams bot's messaging endpoint (per address, before the token check).</summary>
    public const string TeamsBot = "teams-bot";

    /// <summary>The default of <see cref="HostSettings.PublicEntryPerMinute"/>.</summary>
    public const int DefaultPublicEntryPerMinute = 30;

    /// <summary>The default of <see cref="HostSettings.ApiPerMinute"/>.</summary>
    public const int DefaultApiPerMinute = 600;

    /// <summary>The default of <see cref="HostSettings.TeamsPerAddressPerMinute"/>.</summary>
    public const int DefaultTeamsPerAddressPerMinute = 3000;

    /// <summary>Adds the rate limiter with its policies; the middleware must run after authentication.</summary>
    public static IServiceCollection AddWorkflowsRateLimits(this IServiceCollection services, IConfiguration configuration)
    {
        var publicPerMinute = configuration.GetValue(HostSettings.PublicEntryPerMinute, DefaultPublicEntryPerMinute);
        var apiPerMinute = configuration.GetValue(HostSettings.ApiPerMinute, DefaultApiPerMinute);
        var teamsPerMinute = configuration.GetValue(HostSettings.TeamsPerAddressPerMinute, DefaultTeamsPerAddressPerMinute);
        return services.AddRateLimiter(options =>
        {
            options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            options.OnRejected = (context, _) =>
            {
                context.HttpContext.Response.Headers.RetryAfter = "60";
                return ValueTask.CompletedTask;
            };
            options.AddPolicy(PublicEntry, context => PerMinute(Address(context), publicPerMinute));
            options.AddPolicy(Api, context => PerMinute(Caller(context), apiPerMinute));
            options.AddPolicy(TeamsBot, context => PerMinute(Address(context), teamsPerMinute));
        });
    }

    /// <summary>A sliding one-minute window of <paramref name="permits"/> requests for one partition.</summary>
    public static SlidingWindowRateLimiterOptions PerMinute(int permits) =>
        new() { PermitLimit = permits, Window = TimeSpan.FromMinutes(1), SegmentsPerWindow = 6 };

    private static RateLimitPartition<string> PerMinute(string key, int permits) =>
        RateLimitPartition.GetSlidingWindowLimiter(key, _ => PerMinute(permits));

    private static string Address(HttpContext context) => "address:" + (context.Connection.RemoteIpAddress?.ToString() ?? "unknown");

    // The person's id (the directory's when it knows them, as ActorExtensions reads it), never the display
    // name, which two people can share; anonymous calls fall back to their address.
    private static string Caller(HttpContext context) =>
        context.User.FindAll(ClaimTypes.NameIdentifier).Select(c => c.Value).LastOrDefault() is { Length: > 0 } id
            ? "person:" + id
            : Address(context);
}
