using System.Security.Claims;

namespace Workflows.Functions.Auth;

/// <summary>Turns the signed-in principal into the domain's <see cref="Actor"/>.</summary>
public static class ActorExtensions
{
    /// <summary>The actor, or null when the principal is not a known person.</summary>
    public static Actor? ToActor(this ClaimsPrincipal principal)
    {
        ArgumentNullException.ThrowIfNull(principal);
        if (!principal.HasClaim(c => c.Type == WorkflowsClaims.FromDirectory))
        {
            return null;
        }

        var id = principal.FindAll(ClaimTypes.NameIdentifier).Select(c => c.Value).LastOrDefault();
        if (id is null)
        {
            return null;
        }

        var grants = principal.FindAll(WorkflowsClaims.Grant)
            .Select(c => c.Value.Split('|', 3))
            .Where(parts => parts.Length == 3 && Enum.TryParse<ScopeLevel>(parts[1], out _))
            .Select(parts => new RoleGrant(parts[0], Enum.Parse<ScopeLevel>(parts[1]), parts[2]))
            .ToList();
        return new Actor(id, grants, principal.FindFirstValue(WorkflowsClaims.Language) ?? "en");
    }

    /// <summary>The actor of the request; throws when authorization should have stopped an unknown user.</summary>
    public static Actor RequireActor(this HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return context.User.ToActor() ?? throw new InvalidOperationException("The request reached an endpoint for known people without a directory identity.");
    }
}
