using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;
using Microsoft.Graph;
using Microsoft.Graph.Models.ODataErrors;
using Workflows.Approvals;
using Workflows.People;
using Workflows.Functions.Notifications;

namespace Workflows.Functions.People;

/// <summary>
/// The directory over Microsoft Graph: a person is an enabled Entra user (id = object id; display name;
/// mail, else UPN; preferred language mapped to one of the six, else the deployment default), holding the
/// roles of the groups they belong to (transitively) per <see cref="DirectoryOptions.GroupRoles"/>, with
/// their manager for escalation; a member of <see cref="DirectoryOptions.WomenStaffGroupId"/> is a woman
/// (<see cref="ApproverResolver.Women"/>) for the women-staff rule. Answers (found or not) are cached for
/// <see cref="DirectoryOptions.CacheLifetime"/> on the app's clock, in a cache of its own bounded to
/// <see cref="CacheEntries"/> entries.
/// Facilities come from a JSON directory. Needs the application permissions User.Read.All and
/// GroupMember.Read.All.
/// </summary>
public sealed class GraphPersonDirectory(
    GraphServiceClient graph,
    IOptions<DirectoryOptions> options,
    IOptions<NotificationOptions> notifications,
    JsonPersonDirectory facilities,
    TimeProvider time) : IPersonDirectory, IDisposable
{
    /// <summary>The most answers kept (people, email look-ups, role holders); the oldest go first.</summary>
    public const int CacheEntries = 20_000;

    private static readonly string[] UserFields = ["id", "displayName", "mail", "userPrincipalName", "preferredLanguage", "accountEnabled"];
    private readonly MemoryCache _cache = new(new MemoryCacheOptions { Clock = new TimeProviderClock(time), SizeLimit = CacheEntries });

    public Task<Person?> FindAsync(string personId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(personId);
        return CachedAsync("person:" + personId, () => LoadAsync(personId, cancellationToken));
    }

    public Task<Person?> FindByEmailAsync(string email, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(email);
        return CachedAsync("email:" + email.ToLowerInvariant(), async () =>
        {
            var quoted = email.Replace("'", "''", StringComparison.Ordinal);
            var users = await graph.Users.GetAsync(
                r =>
                {
                    r.QueryParameters.Filter = $"mail eq '{quoted}' or userPrincipalName eq '{quoted}'";
                    r.QueryParameters.Select = ["id"];
                },
                cancellationToken).ConfigureAwait(false);
            return users?.Value?.FirstOrDefault()?.Id is { } id ? await FindAsync(id, cancellationToken).ConfigureAwait(false) : null;
        });
    }

    public async Task<IReadOnlyList<Person>> FindRoleHoldersAsync(string role, ScopeLevel level, string scopeId, CancellationToken cancellationToken = default)
    {
        var groups = options.Value.GroupRoles.Where(m => m.Role == role && m.Level == level && m.ToGrant().ScopeId == scopeId).Select(m => m.GroupId).Distinct().ToList();
        var people = await CachedAsync($"holders:{role}|{level}|{scopeId}", async () => (IReadOnlyList<Person>?)await MembersAsync(groups, cancellationToken).ConfigureAwait(false)).ConfigureAwait(false);
        return people ?? [];
    }

    public Task<Facility?> FindFacilityAsync(string facilityId, CancellationToken cancellationToken = default) =>
        facilities.FindFacilityAsync(facilityId, cancellationToken);

    public async Task<IReadOnlyList<Person>> ListPeopleAsync(CancellationToken cancellationToken = default) =>
        await CachedAsync("people", async () => (IReadOnlyList<Person>?)await MembersAsync(options.Value.GroupRoles.Select(m => m.GroupId).Distinct().ToList(), cancellationToken).ConfigureAwait(false)).ConfigureAwait(false) ?? [];

    private async Task<Person?> LoadAsync(string personId, CancellationToken cancellationToken)
    {
        if (!Guid.TryParse(personId, out _))
        {
            return null;
        }

        var user = await NullIfNotFoundAsync(() => graph.Users[personId].GetAsync(r => r.QueryParameters.Select = UserFields, cancellationToken)).ConfigureAwait(false);
        if (user?.Id is null || user.AccountEnabled == false)
        {
            return null;
        }

        var groupIds = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var page = await graph.Users[personId].TransitiveMemberOf.GraphGroup.GetAsync(
            r =>
            {
                r.QueryParameters.Select = ["id"];
                r.QueryParameters.Top = 999;
            },
            cancellationToken).ConfigureAwait(false);
        while (page is not null)
        {
            groupIds.UnionWith(page.Value?.Select(g => g.Id).OfType<string>() ?? []);
            page = page.OdataNextLink is { } next
                ? await graph.Users[personId].TransitiveMemberOf.GraphGroup.WithUrl(next).GetAsync(cancellationToken: cancellationToken).ConfigureAwait(false)
                : null;
        }

        var womenStaff = options.Value.WomenStaffGroupId;
        var manager = await NullIfNotFoundAsync(() => graph.Users[personId].Manager.GetAsync(r => r.QueryParameters.Select = ["id"], cancellationToken)).ConfigureAwait(false);
        return new Person
        {
            Id = user.Id,
            DisplayName = user.DisplayName ?? user.UserPrincipalName ?? user.Id,
            Email = user.Mail ?? user.UserPrincipalName ?? string.Empty,
            Language = NotificationTexts.Normalize(user.PreferredLanguage) ?? notifications.Value.DefaultLanguage,
            Gender = womenStaff.Length > 0 && groupIds.Contains(womenStaff) ? ApproverResolver.Women : null,
            Roles = options.Value.GroupRoles.Where(m => groupIds.Contains(m.GroupId)).Select(m => m.ToGrant()).Distinct().ToList(),
            ManagerId = manager?.Id,
        };
    }

    private async Task<IReadOnlyList<Person>> MembersAsync(IReadOnlyList<string> groupIds, CancellationToken cancellationToken)
    {
        var ids = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var groupId in groupIds)
        {
            var page = await NullIfNotFoundAsync(() => graph.Groups[groupId].TransitiveMembers.GraphUser.GetAsync(
                r =>
                {
                    r.QueryParameters.Select = ["id"];
                    r.QueryParameters.Top = 999;
                },
                cancellationToken)).ConfigureAwait(false);
            while (page is not null)
            {
                ids.UnionWith(page.Value?.Select(u => u.Id).OfType<string>() ?? []);
                page = page.OdataNextLink is { } next
                    ? await graph.Groups[groupId].TransitiveMembers.GraphUser.WithUrl(next).GetAsync(cancellationToken: cancellationToken).ConfigureAwait(false)
                    : null;
            }
        }

        var people = new List<Person>();
        foreach (var id in ids)
        {
            if (await FindAsync(id, cancellationToken).ConfigureAwait(false) is { } person)
            {
                people.Add(person);
            }
        }

        return people;
    }

    private async Task<T?> CachedAsync<T>(string key, Func<Task<T?>> load)
        where T : class
    {
        if (_cache.TryGetValue(key, out T? cached))
        {
            return cached;
        }

        var value = await load().ConfigureAwait(false);
        if (options.Value.CacheLifetime > TimeSpan.Zero)
        {
            _cache.Set(key, value, new MemoryCacheEntryOptions { AbsoluteExpirationRelativeToNow = options.Value.CacheLifetime, Size = 1 });
        }

        return value;
    }

    private static async Task<T?> NullIfNotFoundAsync<T>(Func<Task<T?>> call)
        where T : class
    {
        try
        {
            return await call().ConfigureAwait(false);
        }
        catch (ODataError error) when (error.ResponseStatusCode == 404)
        {
            return null;
        }
    }

    public void Dispose() => _cache.Dispose();
}
