using System.Text.Json.Serialization;
using Microsoft.Extensions.Options;
using Workflows.Functions.Notifications;

namespace Workflows.Functions.Teams;

/// <summary>
/// Client-credentials token from the Bot Framework token endpoint (<see cref="TeamsOptions.ResolvedTokenEndpoint"/>)
/// with the bot's app id and password, cached until five minutes before it expires.
/// </summary>
public sealed class ClientSecretBotTokenProvider(IHttpClientFactory httpClients, IOptions<TeamsOptions> options, TimeProvider time) : IBotTokenProvider, IDisposable
{
    /// <summary>The named <see cref="HttpClient"/> (with the retry handler) used for the token endpoint.</summary>
    public const string HttpClientName = "Workflows.BotToken";

    private readonly SemaphoreSlim _gate = new(1, 1);
    private (string Token, DateTimeOffset Until)? _cached;

    public async Task<string> GetTokenAsync(CancellationToken cancellationToken = default)
    {
        if (_cached is { } cached && cached.Until > time.GetUtcNow())
        {
            return cached.Token;
        }

        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_cached is { } again && again.Until > time.GetUtcNow())
            {
                return again.Token;
            }

            var settings = options.Value;
            using var form = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["grant_type"] = "client_credentials",
                ["client_id"] = settings.BotAppId,
                ["client_secret"] = settings.BotAppPassword,
                ["scope"] = settings.TokenScope,
            });
            using var response = await httpClients.CreateClient(HttpClientName).PostAsync(settings.ResolvedTokenEndpoint, form, cancellationToken).ConfigureAwait(false);
            NotificationDeliveryException.ThrowIfFailed(response, "BotToken");
            var token = await response.Content.ReadFromJsonAsync<TokenResponse>(cancellationToken).ConfigureAwait(false)
                ?? throw new NotificationDeliveryException("BotTokenEmpty", transient: true);
            _cached = (token.AccessToken, time.GetUtcNow() + TimeSpan.FromSeconds(Math.Max(60, token.ExpiresIn - 300)));
            return token.AccessToken;
        }
        finally
        {
            _gate.Release();
        }
    }

    public void Dispose() => _gate.Dispose();

    private sealed record TokenResponse(
        [property: JsonPropertyName("access_token")] string AccessToken,
        [property: JsonPropertyName("expires_in")] int ExpiresIn);
}
