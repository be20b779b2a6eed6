using Azure.Core;

namespace Workflows.Functions.Notifications.Tests.Support;

/// <summary>A credential that hands out a fixed token, so Graph requests carry a known Authorization header.</summary>
public sealed class StaticCredential(string token = "test-graph-token") : TokenCredential
{
    public override AccessToken GetToken(TokenRequestContext requestContext, CancellationToken cancellationToken) =>
        new(token, DateTimeOffset.UtcNow.AddHours(1));

    public override ValueTask<AccessToken> GetTokenAsync(TokenRequestContext requestContext, CancellationToken cancellationToken) =>
        ValueTask.FromResult(GetToken(requestContext, cancellationToken));
}
