using System.Security.Claims;
using System.Text.Json;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Protocols;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Microsoft.IdentityModel.Tokens;

namespace Workflows.Functions.Teams;

/// <summary>
/// Validates the Bot Framework JWT on incoming activities: RS256 signature with a key from the OpenID
/// metadata (<see cref="TeamsOptions.OpenIdMetadataUrl"/>, cached and refreshed by the
/// <see cref="ConfigurationManager{T}"/>, refreshed once more when a key is unknown — key rollover),
/// issuer, audience = the bot app id, lifetime with clock skew, the <c>serviceurl</c> claim equal to
/// the activity's service URL, and the signing key endorsed for the activity's channel (the key's
/// <c>endorsements</c> in the metadata must list the channel id, as the Bot Framework requires).
/// </summary>
public sealed class BotTokenValidator(IConfigurationManager<OpenIdConnectConfiguration> metadata, IOptions<TeamsOptions> options)
{
    private readonly JsonWebTokenHandler _handler = new() { MapInboundClaims = false };

    /// <summary>The identity of the channel when the token is valid for this activity; null otherwise.</summary>
    public async Task<ClaimsIdentity?> ValidateAsync(string? authorizationHeader, string? serviceUrl, string? channelId, CancellationToken cancellationToken = default)
    {
        const string Bearer = "Bearer ";
        if (authorizationHeader is null || !authorizationHeader.StartsWith(Bearer, StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        if (string.IsNullOrEmpty(channelId))
        {
            return null;
        }

        var token = authorizationHeader[Bearer.Length..].Trim();
        var result = await ValidateOnceAsync(token, channelId, cancellationToken).ConfigureAwait(false);
        if (result.Exception is SecurityTokenSignatureKeyNotFoundException)
        {
            metadata.RequestRefresh();
            result = await ValidateOnceAsync(token, channelId, cancellationToken).ConfigureAwait(false);
        }

        if (!result.IsValid)
        {
            return null;
        }

        var claimed = result.ClaimsIdentity.FindFirst("serviceurl")?.Value;
        return claimed is not null && serviceUrl is not null && SameServiceUrl(claimed, serviceUrl) ? result.ClaimsIdentity : null;
    }

    private async Task<TokenValidationResult> ValidateOnceAsync(string token, string channelId, CancellationToken cancellationToken)
    {
        OpenIdConnectConfiguration configuration;
        try
        {
            configuration = await metadata.GetConfigurationAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (InvalidOperationException ex)
        {
            return new TokenValidationResult { IsValid = false, Exception = ex };
        }

        var settings = options.Value;
        var parameters = new TokenValidationParameters
        {
            ValidIssuers = settings.ValidIssuers,
            ValidAudience = settings.BotAppId,
            IssuerSigningKeys = EndorsedKeys(configuration, channelId),
            ValidAlgorithms = [SecurityAlgorithms.RsaSha256],
            ValidateIssuer = true,
            ValidateAudience = true,
            ValidateLifetime = true,
            RequireExpirationTime = true,
            RequireSignedTokens = true,
            ValidateIssuerSigningKey = true,
            ClockSkew = settings.ClockSkew,
        };
        return await _handler.ValidateTokenAsync(token, parameters).ConfigureAwait(false);
    }

    /// <summary>The signing keys whose endorsements list <paramref name="channelId"/>; a token signed by any other key is refused.</summary>
    private static List<SecurityKey> EndorsedKeys(OpenIdConnectConfiguration configuration, string channelId)
    {
        var endorsed = new HashSet<string>(
            (configuration.JsonWebKeySet?.Keys ?? []).Where(k => k.Kid is not null && Endorsements(k).Contains(channelId)).Select(k => k.Kid),
            StringComparer.Ordinal);
        return configuration.SigningKeys.Where(k => k.KeyId is not null && endorsed.Contains(k.KeyId)).ToList();
    }

    private static HashSet<string> Endorsements(JsonWebKey key)
    {
        var values = new HashSet<string>(StringComparer.Ordinal);
        if (!key.AdditionalData.TryGetValue("endorsements", out var endorsements))
        {
            return values;
        }

        switch (endorsements)
        {
            case JsonElement { ValueKind: JsonValueKind.Array } array:
                values.UnionWith(array.EnumerateArray().Where(e => e.ValueKind == JsonValueKind.String).Select(e => e.GetString()!));
                break;
            case IEnumerable<object> items:
                values.UnionWith(items.Select(i => i is JsonElement { ValueKind: JsonValueKind.String } e ? e.GetString() : i as string).OfType<string>());
                break;
        }

        return values;
    }

    private static bool SameServiceUrl(string a, string b) =>
        string.Equals(a.TrimEnd('/'), b.TrimEnd('/'), StringComparison.OrdinalIgnoreCase);
}
