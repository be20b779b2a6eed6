using Workflows.People;

namespace Workflows.Functions.Ui;

/// <summary>
/// The facilities the forms and filters offer. <see cref="IPersonDirectory"/> has no list of facilities,
/// so the catalogue takes the facilities that people's facility-scoped roles name, plus any listed in
/// <c>Workflows:Ui:FacilityIds</c> (comma-separated), each resolved through the directory.
/// </summary>
public sealed class FacilityCatalogue(IPersonDirectory directory, IConfiguration configuration)
{
    private Task<IReadOnlyList<Facility>>? _all;

    /// <summary>Every known facility, ordered by id (read once; a failed read is tried again next time).</summary>
    public Task<IReadOnlyList<Facility>> AllAsync(CancellationToken cancellationToken = default)
    {
        var all = _all;
        if (all is null || all.IsFaulted || all.IsCanceled)
        {
            all = LoadAsync(cancellationToken);
            _all = all;
        }

        return all;
    }

    private async Task<IReadOnlyList<Facility>> LoadAsync(CancellationToken cancellationToken)
    {
        var ids = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var id in (configuration["Workflows:Ui:FacilityIds"] ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            ids.Add(id);
        }

        foreach (var person in await directory.ListPeopleAsync(cancellationToken).ConfigureAwait(false))
        {
            foreach (var grant in person.Roles.Where(g => g.Level == ScopeLevel.Facility))
            {
                ids.Add(grant.ScopeId);
            }
        }

        var facilities = new List<Facility>();
        foreach (var id in ids)
        {
            if (await directory.FindFacilityAsync(id, cancellationToken).ConfigureAwait(false) is { } facility)
            {
                facilities.Add(facility);
            }
        }

        return facilities;
    }

    /// <summary>The facilities where the actor holds one of <paramref name="roles"/>.</summary>
    public async Task<IReadOnlyList<Facility>> ForRolesAsync(Actor actor, IEnumerable<string> roles, Func<Facility, bool>? kind = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var list = roles.ToList();
        return (await AllAsync(cancellationToken).ConfigureAwait(false))
            .Where(f => (kind?.Invoke(f) ?? true) && actor.HasAnyRoleFor(list, f.Id, f.RegionId))
            .ToList();
    }
}
