using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Workflows.People;

namespace Workflows.Functions.Auth;

/// <summary>
/// Adds the signed-in person's roles and scopes from the directory (the JSON directory locally, Entra
/// groups through Graph in Azure) to the principal, so authorization everywhere reads the same
/// grants. The person id is the NameIdentifier claim (Entra: the object id).
/// </summary>
public sealed class DirectoryClaimsTransformation(IPersonDirectory directory) : IClaimsTransformation
{
    /// <inheritdoc />
    public async Task<ClaimsPrincipal> TransformAsync(ClaimsPrincipal principal)
    {
        ArgumentNullException.ThrowIfNull(principal);
        if (principal.Identity?.IsAuthenticated != true || principal.HasClaim(c => c.Type == WorkflowsClaims.FromDirectory))
        {
            return principal;
        }

        var id = principal.FindFirstValue("http://schemas.microsoft.com/identity/claims/objectidentifier")
            ?? principal.FindFirstValue("oid")
            ?? principal.FindFirstValue(ClaimTypes.NameIdentifier);
        var person = id is null ? null : await directory.FindAsync(id).ConfigureAwait(false);
        if (person is null && principal.FindFirstValue("preferred_username") is { } email)
        {
            person = await directory.FindByEmailAsync(email).ConfigureAwait(false);
        }

        if (person is null)
        {
            return principal;
        }

        var claims = new List<Claim>
        {
            new(WorkflowsClaims.FromDirectory, "true"),
            new(WorkflowsClaims.Language, person.Language),
        };
        if (principal.FindFirstValue(ClaimTypes.NameIdentifier) != person.Id)
        {
            claims.Add(new Claim(ClaimTypes.NameIdentifier, person.Id));
        }

        foreach (var grant in person.Roles)
        {
            claims.Add(new Claim(ClaimTypes.Role, grant.Role));
            claims.Add(new Claim(WorkflowsClaims.Grant, $"{grant.Role}|{grant.Level}|{grant.ScopeId}"));
        }

        var copy = principal.Clone();
        copy.AddIdentity(new ClaimsIdentity(claims, "directory", ClaimTypes.Name, ClaimTypes.Role));
        return copy;
    }
}
