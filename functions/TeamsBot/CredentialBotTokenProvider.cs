using Azure.Core;
using Microsoft.Extensions.Options;

namespace Workflows.Functions.Teams;

/// <summary>The bot's token from an Azure credential (a managed-identity bot: no password in settings).</summary>
public sealed class CredentialBotTokenProvider(TokenCredential credential, IOptions<TeamsOptions> options) : IBotTokenProvider
{
    public async Task<string> GetTokenAsync(CancellationToken cancellationToken = default)
    {
        var token = await credential.GetTokenAsync(new TokenRequestContext([options.Value.TokenScope]), cancellationToken).ConfigureAwait(false);
        return token.Token;
    }
}
