using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace Workflows.Functions.Auth;

/// <summary>
/// Outside Development, before the Entra ID app registration exists (the first <c>azd up</c> comes before
/// the manual Entra step): nobody is signed in, and every challenge answers 503 naming the settings to
/// set. The app still starts, so its health probe passes and its engine keeps firing timers; access stays
/// denied by default.
/// </summary>
public sealed class SignInNotConfiguredHandler(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    /// <summary>What the 503 says, naming the settings and where the steps are.</summary>
    public const string Detail = "Sign-in is not configured: set AzureAd:TenantId and AzureAd:ClientId (the Entra ID app registration, infra/README.md step 1).";

    protected override Task<AuthenticateResult> HandleAuthenticateAsync() => Task.FromResult(AuthenticateResult.NoResult());

    protected override Task HandleChallengeAsync(AuthenticationProperties properties) =>
        Results.Problem(statusCode: StatusCodes.Status503ServiceUnavailable, title: "Sign-in is not configured", detail: Detail).ExecuteAsync(Context);
}
