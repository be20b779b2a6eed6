using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;
using Workflows.Functions.Notifications;

namespace Workflows.Functions.Teams;

/// <summary>
/// The Bot Connector REST API (v3), without the Bot Framework SDK: open a personal conversation, post
/// and update activities, read a member. The <see cref="HttpClient"/> retries 429/5xx honouring
/// <c>Retry-After</c> (see <c>RetryPipelines</c>); the service URL comes from a validated activity or
/// from <see cref="TeamsOptions.ServiceUrl"/>.
/// </summary>
public sealed class BotConnectorClient(IHttpClientFactory httpClients, IBotTokenProvider tokens, IOptions<TeamsOptions> options)
{
    /// <summary>The named <see cref="HttpClient"/> (with the retry handler) used for Bot Connector calls.</summary>
    public const string HttpClientName = "Workflows.BotConnector";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>
    /// Opens (or finds) the bot's personal conversation with a user by Entra object id; returns its id, or
    /// null when Teams refuses because the app is not installed for the user (403/404).
    /// </summary>
    public async Task<string?> CreatePersonalConversationAsync(Uri serviceUrl, string aadObjectId, string tenantId, CancellationToken cancellationToken = default)
    {
        var body = new JsonObject
        {
            ["bot"] = new JsonObject { ["id"] = "28:" + options.Value.BotAppId },
            ["isGroup"] = false,
            ["members"] = new JsonArray(new JsonObject { ["id"] = aadObjectId }),
            ["tenantId"] = tenantId,
            ["channelData"] = new JsonObject { ["tenant"] = new JsonObject { ["id"] = tenantId } },
        };
        using var response = await SendAsync(HttpMethod.Post, new Uri(Base(serviceUrl), "v3/conversations"), body, cancellationToken).ConfigureAwait(false);
        if (response.StatusCode is HttpStatusCode.Forbidden or HttpStatusCode.NotFound)
        {
            return null;
        }

        NotificationDeliveryException.ThrowIfFailed(response, "BotConnector");
        var resource = await response.Content.ReadFromJsonAsync<JsonObject>(Json, cancellationToken).ConfigureAwait(false);
        return resource?["id"]?.GetValue<string>();
    }

    /// <summary>Posts an activity to a conversation; returns the new activity's id.</summary>
    public async Task<string?> SendToConversationAsync(Uri serviceUrl, string conversationId, JsonObject activity, CancellationToken cancellationToken = default)
    {
        using var response = await SendAsync(HttpMethod.Post, ActivitiesUri(serviceUrl, conversationId), activity, cancellationToken).ConfigureAwait(false);
        NotificationDeliveryException.ThrowIfFailed(response, "BotConnector");
        var resource = await response.Content.ReadFromJsonAsync<JsonObject>(Json, cancellationToken).ConfigureAwait(false);
        return resource?["id"]?.GetValue<string>();
    }

    /// <summary>Replaces an activity the bot sent (a card edit makes Teams refresh it for its viewers).</summary>
    public async Task UpdateActivityAsync(Uri serviceUrl, string conversationId, string activityId, JsonObject activity, CancellationToken cancellationToken = default)
    {
        var uri = new Uri(ActivitiesUri(serviceUrl, conversationId).AbsoluteUri + "/" + Uri.EscapeDataString(activityId));
        using var response = await SendAsync(HttpMethod.Put, uri, activity, cancellationToken).ConfigureAwait(false);
        NotificationDeliveryException.ThrowIfFailed(response, "BotConnector");
    }

    /// <summary>One member of a conversation (Teams returns the email and UPN), or null when unknown.</summary>
    public async Task<BotMember?> GetMemberAsync(Uri serviceUrl, string conversationId, string memberId, CancellationToken cancellationToken = default)
    {
        var uri = new Uri(Base(serviceUrl), $"v3/conversations/{Uri.EscapeDataString(conversationId)}/members/{Uri.EscapeDataString(memberId)}");
        using var response = await SendAsync(HttpMethod.Get, uri, null, cancellationToken).ConfigureAwait(false);
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }

        NotificationDeliveryException.ThrowIfFailed(response, "BotConnector");
        return await response.Content.ReadFromJsonAsync<BotMember>(Json, cancellationToken).ConfigureAwait(false);
    }

    private static Uri Base(Uri serviceUrl) => serviceUrl.AbsoluteUri.EndsWith('/') ? serviceUrl : new Uri(serviceUrl.AbsoluteUri + "/");

    private static Uri ActivitiesUri(Uri serviceUrl, string conversationId) =>
        new(Base(serviceUrl), $"v3/conversations/{Uri.EscapeDataString(conversationId)}/activities");

    private async Task<HttpResponseMessage> SendAsync(HttpMethod method, Uri uri, JsonObject? body, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, uri);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", await tokens.GetTokenAsync(cancellationToken).ConfigureAwait(false));
        if (body is not null)
        {
            request.Content = JsonContent.Create(body, options: Json);
        }

        return await httpClients.CreateClient(HttpClientName).SendAsync(request, cancellationToken).ConfigureAwait(false);
    }
}
