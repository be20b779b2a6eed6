using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;
using Workflows.People;

namespace Workflows.Functions.Auth;

/// <summary>
/// Development only: authenticates a request carrying <c>X-Dev-User: &lt;person id or email&gt;</c>
/// as that seeded person, so scripts can act as anyone. Never registered outside Development.
/// </summary>
public sealed class DevelopmentUserHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    IPersonDirectory directory) : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    /// <inheritdoc />
    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var value = Request.Headers[WorkflowsClaims.DevelopmentUserHeader].FirstOrDefault();
        if (string.IsNullOrWhiteSpace(value))
        {
            return AuthenticateResult.NoResult();
        }

        var person = await directory.FindAsync(value, Context.RequestAborted).ConfigureAwait(false)
            ?? await directory.FindByEmailAsync(value, Context.RequestAborted).ConfigureAwait(false);
        if (person is null)
        {
            return AuthenticateResult.Fail("The X-Dev-User header names nobody in the development directory; GET /dev/directory lists who you can be.");
        }

        var identity = new ClaimsIdentity([new Claim(ClaimTypes.NameIdentifier, person.Id), new Claim(ClaimTypes.Name, person.DisplayName)], Scheme.Name);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), Scheme.Name));
    }
}
