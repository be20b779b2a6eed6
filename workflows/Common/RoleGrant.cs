namespace Workflows;

/// <summary>A role held at a scope, e.g. (programmeCoordinator, Facility, almaty) or (centralAdministration, Central, central).</summary>
/// <param name="Role">The role name (see <see cref="Roles"/>).</param>
/// <param name="Level">The scope level.</param>
/// <param name="ScopeId">The facility, region or organisation id; "central" for central roles.</param>
public sealed record RoleGrant(string Role, ScopeLevel Level, string ScopeId)
{
    /// <summary>The scope id of every central grant.</summary>
    public const string CentralScopeId = "central";

    /// <summary>True when this grant is for <paramref name="role"/> and covers the facility (directly, by its region, or centrally).</summary>
    public bool Covers(string role, string facilityId, string? regionId) =>
        string.Equals(Role, role, StringComparison.Ordinal) && CoversFacility(facilityId, regionId);

    /// <summary>True when the grant's scope includes the facility.</summary>
    public bool CoversFacility(string facilityId, string? regionId) => Level switch
    {
        ScopeLevel.Central => true,
        ScopeLevel.Region => regionId is not null && string.Equals(ScopeId, regionId, StringComparison.Ordinal),
        ScopeLevel.Facility => string.Equals(ScopeId, facilityId, StringComparison.Ordinal),
        _ => false,
    };
}
