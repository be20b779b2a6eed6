using Workflows.Functions.Hosting;

namespace Workflows.Functions.Teams;

/// <summary>Maps the Teams bot's messaging endpoint.</summary>
public static class TeamsBotEndpoints
{
    /// <summary>The messaging endpoint path registered with the Azure Bot resource.</summary>
    public const string Path = "/api/teams/messages";

    /// <summary>
    /// Maps <c>POST /api/teams/messages</c>. It authenticates callers itself (Bot Framework JWT), so it is
    /// anonymous to the app's own authentication and exempt from antiforgery, and has its own rate limit
    /// (<see cref="RateLimits.TeamsBot"/>), not the public entry's: all Teams users arrive from the Bot
    /// Framework's few addresses. Does nothing while the bot is off (<c>Workflows:Teams:BotAppId</c> empty) —
    /// the route then answers 404.
    /// </summary>
    public static IEndpointConventionBuilder? MapTeamsBot(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        if (endpoints.ServiceProvider.GetService<TeamsBot>() is null)
        {
            return null;
        }

        return endpoints.MapPost(Path, (HttpRequest request, TeamsBot bot, CancellationToken cancellationToken) => bot.HandleAsync(request, cancellationToken))
            .AllowAnonymous()
            .DisableAntiforgery()
            .RequireRateLimiting(RateLimits.TeamsBot)
            .ExcludeFromDescription();
    }
}
