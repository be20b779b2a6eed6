using System.Security.Claims;
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
/// issuer, audience = the bot app id, lifetime with clock skew, and the <c>serviceurl</c> claim equal to
/// the activity's service URL.
/// </summary>
public sealed class BotTokenValidator(IConfigurationManager<OpenIdConnectConfiguration> metadata, IOptions<TeamsOptions> options)
{
    private readonly JsonWebTokenHandler _handler = new() { MapInboundClaims = false };

    /// <summary>The identity of the channel when the token is valid for this activity; null otherwise.</summary>
    public async Task<ClaimsIdentity?> ValidateAsync(string? authorizationHeader, string? serviceUrl, CancellationToken cancellationToken = default)
    {
        const string Bearer = "Bearer ";
        if (authorizationHeader is null || !authorizationHeader.StartsWith(Bearer, StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        var token = authorizationHeader[Bearer.Length..].Trim();
        var result = await ValidateOnceAsync(token, cancellationToken).ConfigureAwait(false);
        if (result.Exception is SecurityTokenSignatureKeyNotFoundException)
        {
            metadata.RequestRefresh();
            result = await ValidateOnceAsync(token, cancellationToken).ConfigureAwait(false);
        }

        if (!result.IsValid)
        {
            return null;
        }

        var claimed = result.ClaimsIdentity.FindFirst("serviceurl")?.Value;
        return claimed is not null && serviceUrl is not null && SameServiceUrl(claimed, serviceUrl) ? result.ClaimsIdentity : null;
    }

    private async Task<TokenValidationResult> ValidateOnceAsync(string token, CancellationToken cancellationToken)
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
            IssuerSigningKeys = configuration.SigningKeys,
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

    private static bool SameServiceUrl(string a, string b) =>
        string.Equals(a.TrimEnd('/'), b.TrimEnd('/'), StringComparison.OrdinalIgnoreCase);
}
