using System.Text.Json;
using System.Text.Json.Serialization;
using Workflows.People;

namespace Workflows.Tests.Referrals;

/// <summary>The development directory with extra people, for assignment cases the seed does not hold.</summary>
internal static class StaffDirectory
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    public static JsonPersonDirectory SeedWith(params Person[] extra) => SeedWithMen([], extra);

    /// <summary>The seed where the people named in <paramref name="menIds"/> are men, with extra people.</summary>
    public static JsonPersonDirectory SeedWithMen(IReadOnlyCollection<string> menIds, params Person[] extra)
    {
        using var stream = typeof(JsonPersonDirectory).Assembly.GetManifestResourceStream("Workflows.People.dev-directory.json")!;
        var seed = JsonSerializer.Deserialize<DirectoryDocument>(stream, Json)!;
        var people = seed.People.Select(p => menIds.Contains(p.Id) ? p with { Gender = "male" } : p);
        return new JsonPersonDirectory(seed with { People = [.. people, .. extra] });
    }

    public static Person Woman(string id, string role, ScopeLevel level, string scopeId) =>
        new() { Id = id, DisplayName = id, Email = id + "@dev.workflows.local", Gender = "female", Roles = [new RoleGrant(role, level, scopeId)] };

    public static Person Man(string id, string role, ScopeLevel level, string scopeId) =>
        Woman(id, role, level, scopeId) with { Gender = "male" };
}
