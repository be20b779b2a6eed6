namespace Workflows.Functions.People;

/// <summary>The directory settings (section <c>Workflows:Directory</c>).</summary>
public sealed class DirectoryOptions
{
    public const string Section = "Workflows:Directory";

    public DirectorySource Source { get; set; } = DirectorySource.Json;

    /// <summary>With the Graph directory: which groups grant which roles where.</summary>
    public IList<GroupRoleMapping> GroupRoles { get; } = [];

    /// <summary>
    /// With the Graph directory: the object id of the Entra group whose members (direct or nested) are women
    /// staff, for the women-staff rule (women prisoners' steps go to women only). Graph has no gender
    /// attribute, so an administrator keeps this group (or a dynamic group over an HR attribute); empty: no
    /// one counts as a woman and women-only steps wait unassigned.
    /// </summary>
    public string WomenStaffGroupId { get; set; } = string.Empty;

    /// <summary>With the Graph directory: a directory JSON file whose facilities (prisons, regions) are used; empty for the development seed's.</summary>
    public string FacilitiesFile { get; set; } = string.Empty;

    /// <summary>How long people, memberships and role holders read from Graph are kept.</summary>
    public TimeSpan CacheLifetime { get; set; } = TimeSpan.FromMinutes(5);
}
