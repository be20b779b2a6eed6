namespace Workflows;

/// <summary>
/// The signed-in user as the host sees them: id, roles with their scopes, display language. The domain
/// decides entitlements from it (default deny).
/// </summary>
/// <param name="UserId">The person id (the directory's id).</param>
/// <param name="Roles">The roles the person holds, each with its scope.</param>
/// <param name="Language">The display language (en, fr, es, ru, ar, zh).</param>
public sealed record Actor(string UserId, IReadOnlyList<RoleGrant> Roles, string Language = "en")
{
    /// <summary>The system itself (timers, policy defaults); never a person.</summary>
    public static Actor System { get; } = new("system", [], "en");

    /// <summary>True when the actor holds <paramref name="role"/> anywhere.</summary>
    public bool HasRole(string role) => Roles.Any(r => string.Equals(r.Role, role, StringComparison.Ordinal));

    /// <summary>True when the actor holds <paramref name="role"/> at a scope covering the facility.</summary>
    public bool HasRoleFor(string role, string facilityId, string? regionId) => Roles.Any(r => r.Covers(role, facilityId, regionId));

    /// <summary>True when the actor holds any role at a scope covering the facility.</summary>
    public bool HasAnyRoleFor(IEnumerable<string> roles, string facilityId, string? regionId) =>
        roles.Any(role => HasRoleFor(role, facilityId, regionId));

    /// <summary>The first role the actor holds for the facility among <paramref name="roles"/>, for audit entries.</summary>
    public string? FirstRoleFor(IEnumerable<string> roles, string facilityId, string? regionId) =>
        roles.FirstOrDefault(role => HasRoleFor(role, facilityId, regionId));

    /// <summary>A short description of the actor's roles for audit entries (role names only).</summary>
    public string PrimaryRole => Roles.Count == 0 ? "none" : Roles[0].Role;
}
