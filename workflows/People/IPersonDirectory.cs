namespace Workflows.People;

/// <summary>
/// The people and places the workflows need: who holds a role where, their language and manager. Kept
/// small so that a Microsoft Graph implementation can replace the JSON one.
/// </summary>
public interface IPersonDirectory
{
    Task<Person?> FindAsync(string personId, CancellationToken cancellationToken = default);

    Task<Person?> FindByEmailAsync(string email, CancellationToken cancellationToken = default);

    /// <summary>People holding <paramref name="role"/> at exactly this scope.</summary>
    Task<IReadOnlyList<Person>> FindRoleHoldersAsync(string role, ScopeLevel level, string scopeId, CancellationToken cancellationToken = default);

    Task<Facility?> FindFacilityAsync(string facilityId, CancellationToken cancellationToken = default);

    /// <summary>Every person (development sign-in lists them); a Graph directory may page or refuse.</summary>
    Task<IReadOnlyList<Person>> ListPeopleAsync(CancellationToken cancellationToken = default);
}
