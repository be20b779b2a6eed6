using Microsoft.AspNetCore.Authorization;

namespace Workflows.Functions.Auth;

/// <summary>Authorization policies. Default deny: every endpoint needs at least <see cref="Staff"/>.</summary>
public static class AccessPolicies
{
    /// <summary>
    /// A signed-in person known to the directory; a write (any method but GET and HEAD) also needs a role
    /// that acts, so an inspector — read-only by mandate — is refused every write with 403.
    /// </summary>
    public const string Staff = "Staff";

    /// <summary>System administrators: the management API and the dashboard's actions.</summary>
    public const string Administrator = "Administrator";

    /// <summary>Inspectors and data-protection officers: read-only audit access (administrators run the system, they do not read case audit trails).</summary>
    public const string Auditor = "Auditor";

    /// <summary>Adds the policies; the fallback policy requires <see cref="Staff"/> everywhere.</summary>
    public static IServiceCollection AddWorkflowsAuthorization(this IServiceCollection services) =>
        services.AddAuthorizationBuilder()
            .AddPolicy(Staff, policy => policy.RequireAuthenticatedUser().RequireClaim(WorkflowsClaims.FromDirectory).RequireAssertion(MayUseMethod))
            .AddPolicy(Administrator, policy => policy.RequireAuthenticatedUser().RequireRole(Roles.SystemAdministrator))
            .AddPolicy(Auditor, policy => policy.RequireAuthenticatedUser().RequireRole(Roles.Inspector, Roles.DataProtectionOfficer))
            .SetFallbackPolicy(new AuthorizationPolicyBuilder().RequireAuthenticatedUser().RequireClaim(WorkflowsClaims.FromDirectory).Build())
            .Services;


    private static bool MayUseMethod(AuthorizationHandlerContext context)
    {
        var method = context.Resource is HttpContext http ? http.Request.Method : HttpMethods.Get;
        return HttpMethods.IsGet(method) || HttpMethods.IsHead(method)
            || context.User.FindAll(System.Security.Claims.ClaimTypes.Role).Any(role => !Roles.ReadOnly.Contains(role.Value));
    }
}
