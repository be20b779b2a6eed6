namespace Workflows.Functions.People;

/// <summary>
/// Members (direct or nested) of an Entra group hold a role at a scope, e.g. group
/// <c>3f2c…</c> → (<c>programmeCoordinator</c>, <c>Facility</c>, <c>almaty</c>). Settings:
/// <c>Workflows:Directory:GroupRoles:0:GroupId</c>, <c>…:Role</c>, <c>…:Level</c>, <c>…:ScopeId</c>.
/// </summary>
public sealed class GroupRoleMapping
{
    public string GroupId { get; set; } = string.Empty;

    public string Role { get; set; } = string.Empty;

    public ScopeLevel Level { get; set; } = ScopeLevel.Facility;

    /// <summary>The facility, region or organisation id; <c>central</c> for central roles.</summary>
    public string ScopeId { get; set; } = string.Empty;

    public RoleGrant ToGrant() => new(Role, Level, Level == ScopeLevel.Central && string.IsNullOrEmpty(ScopeId) ? RoleGrant.CentralScopeId : ScopeId);
}
