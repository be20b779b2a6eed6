namespace Workflows.Functions.Auth;

/// <summary>Authorization policies. Default deny: every endpoint needs at least <see cref="Staff"/>.</summary>
public static class AccessPolicies
{
    /// <summary>A signed-in person known to the directory.</summary>
    public const string Staff = "Staff";

    /// <summary>System administrators: the management API and the dashboard's actions.</summary>
    public const string Administrator = "Administrator";

    /// <summary>Inspectors and data-protection officers: read-only audit access (administrators run the system, they do not read case audit trails).</summary>
    public const string Auditor = "Auditor";

    /// <summary>Adds the policies; the fallback policy requires <see cref="Staff"/> everywhere.</summary>
    public static IServiceCollection AddWorkflowsAuthorization(this IServiceCollection services) =>
        services.AddAuthorizationBuilder()
            .AddPolicy(Staff, policy => policy.RequireAuthenticatedUser().RequireClaim(WorkflowsClaims.FromDirectory))
            .AddPolicy(Administrator, policy => policy.RequireAuthenticatedUser().RequireRole(Roles.SystemAdministrator))
            .AddPolicy(Auditor, policy => policy.RequireAuthenticatedUser().RequireRole(Roles.Inspector, Roles.DataProtectionOfficer))
            .SetFallbackPolicy(new Microsoft.AspNetCore.Authorization.AuthorizationPolicyBuilder().RequireAuthenticatedUser().RequireClaim(WorkflowsClaims.FromDirectory).Build())
            .Services;
}
