using Workflows.People;

namespace Workflows.Tests.Approvals;

/// <summary>The development directory, where a test can take a role from someone or remove them, as an HR change would.</summary>
internal sealed class ChangingDirectory : IPersonDirectory
{
    private readonly JsonPersonDirectory _seed = JsonPersonDirectory.LoadDevelopmentSeed();
    private readonly Dictionary<string, Person?> _changed = new(StringComparer.Ordinal);

    public void TakeRole(string personId, string role) =>
        _changed[personId] = Current(personId) is { } p ? p with { Roles = p.Roles.Where(g => g.Role != role).ToList() } : null;

    public void MoveTo(string personId, string role, string facilityId) =>
        _changed[personId] = Current(personId) is { } p ? p with { Roles = [.. p.Roles.Where(g => g.Role != role), new RoleGrant(role, ScopeLevel.Facility, facilityId)] } : null;

    public void Remove(string personId) => _changed[personId] = null;

    public Task<Person?> FindAsync(string personId, CancellationToken cancellationToken = default) => Task.FromResult(Current(personId));

    public Task<Person?> FindByEmailAsync(string email, CancellationToken cancellationToken = default) => _seed.FindByEmailAsync(email, cancellationToken);

    public async Task<IReadOnlyList<Person>> FindRoleHoldersAsync(string role, ScopeLevel level, string scopeId, CancellationToken cancellationToken = default) =>
        (await _seed.FindRoleHoldersAsync(role, level, scopeId, cancellationToken)).Where(p => !_changed.ContainsKey(p.Id)).ToList();

    public Task<Facility?> FindFacilityAsync(string facilityId, CancellationToken cancellationToken = default) => _seed.FindFacilityAsync(facilityId, cancellationToken);

    public Task<IReadOnlyList<Person>> ListPeopleAsync(CancellationToken cancellationToken = default) => _seed.ListPeopleAsync(cancellationToken);

    private Person? Current(string personId) =>
        _changed.TryGetValue(personId, out var changed) ? changed : _seed.FindAsync(personId).GetAwaiter().GetResult();
}
