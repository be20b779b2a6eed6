using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;

namespace Workflows.Functions.Teams;

/// <summary>
/// The bot's messaging endpoint logic (the Bot Framework protocol, no SDK): validates the channel's JWT,
/// accepts activities from Teams only (channel <c>msteams</c>) and, for a single-tenant bot, from its own
/// tenant only, limits each sender (<see cref="TeamsSenderLimit"/>), answers <c>adaptiveCard/action</c> invokes, and remembers the personal conversation of
/// whoever installs the app or writes to it, for proactive task cards.
/// </summary>
public sealed partial class TeamsBot(
    BotTokenValidator validator,
    CardActionHandler cards,
    ITeamsConversationStore conversations,
    TeamsUserResolver users,
    TeamsSenderLimit senders,
    IOptions<TeamsOptions> options,
    TimeProvider time,
    ILogger<TeamsBot> logger)
{
    /// <summary>The Bot Framework channel id of Microsoft Teams, the only channel the bot serves.</summary>
    public const string TeamsChannelId = "msteams";

    /// <summary>Activities larger than this are refused (Teams activities are a few kilobytes).</summary>
    public const int MaxActivityBytes = 256 * 1024;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public async Task<IResult> HandleAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.ContentLength > MaxActivityBytes)
        {
            return Results.StatusCode(StatusCodes.Status413PayloadTooLarge);
        }

        // The body is read before the token is checked (the token is bound to the activity's service URL),
        // so cap what an anonymous caller can make the server read.
        if (request.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            limit.MaxRequestBodySize = MaxActivityBytes;
        }

        BotActivity? activity;
        try
        {
            activity = await JsonSerializer.DeserializeAsync<BotActivity>(request.Body, Json, cancellationToken).ConfigureAwait(false);
        }
        catch (JsonException)
        {
            return Results.BadRequest();
        }
        catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return Results.StatusCode(StatusCodes.Status413PayloadTooLarge);
        }

        if (activity is null || await validator.ValidateAsync(request.Headers.Authorization, activity.ServiceUrl, activity.ChannelId, cancellationToken).ConfigureAwait(false) is null)
        {
            LogUnauthorized(logger);
            return Results.Unauthorized();
        }

        if (activity.ChannelId != TeamsChannelId)
        {
            LogRefused(logger, "channel");
            return Results.StatusCode(StatusCodes.Status403Forbidden);
        }

        var tenant = options.Value.BotTenantId;
        if (!string.IsNullOrWhiteSpace(tenant) && !string.Equals(activity.Conversation?.TenantId, tenant, StringComparison.OrdinalIgnoreCase))
        {
            LogRefused(logger, "tenant");
            return Results.StatusCode(StatusCodes.Status403Forbidden);
        }

        if (!senders.TryAcquire(activity))
        {
            LogSenderLimited(logger);
            request.HttpContext.Response.Headers.RetryAfter = "60";
            return Results.StatusCode(StatusCodes.Status429TooManyRequests);
        }

        switch (activity.Type)
        {
            case "invoke" when activity.Name == "adaptiveCard/action":
                JsonObject response = await cards.HandleAsync(activity, cancellationToken).ConfigureAwait(false);
                return Results.Json(response, Json);
            case "conversationUpdate" or "installationUpdate" or "message":
                await RememberAsync(activity, cancellationToken).ConfigureAwait(false);
                return Results.Ok();
            default:
                return Results.Ok();
        }
    }

    private async Task RememberAsync(BotActivity activity, CancellationToken cancellationToken)
    {
        if (activity.Conversation?.ConversationType != "personal" || activity.Action == "remove" || activity.From?.AadObjectId is null)
        {
            return;
        }

        if (await users.ResolveAsync(activity, cancellationToken).ConfigureAwait(false) is not { } person)
        {
            LogUnknownUser(logger);
            return;
        }

        await conversations.SaveAsync(
            new TeamsConversation
            {
                PersonId = person.Id,
                AadObjectId = activity.From.AadObjectId,
                UserMri = activity.From.Id,
                ConversationId = activity.Conversation.Id,
                ServiceUrl = activity.ServiceUrl,
                TenantId = activity.Conversation.TenantId,
                UpdatedAt = time.GetUtcNow(),
            },
            cancellationToken).ConfigureAwait(false);
    }

    [LoggerMessage(1, LogLevel.Warning, "Teams activity refused: missing or invalid Bot Framework token.")]
    private static partial void LogUnauthorized(ILogger logger);

    [LoggerMessage(2, LogLevel.Information, "Teams user not found in the directory; conversation not remembered.")]
    private static partial void LogUnknownUser(ILogger logger);

    [LoggerMessage(3, LogLevel.Warning, "Teams activity refused: its {What} is not the one this bot serves.")]
    private static partial void LogRefused(ILogger logger, string what);

    [LoggerMessage(4, LogLevel.Warning, "Teams activity refused: its sender is over the per-sender rate limit.")]
    private static partial void LogSenderLimited(ILogger logger);
}
