using System.Text.Json;
using System.Text.Json.Serialization;
using Workflows.People;

namespace Workflows.Tests.Referrals;

/// <summary>The development directory with extra people, for assignment cases the seed does not hold.</summary>
internal static class StaffDirectory
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    public static JsonPersonDirectory SeedWith(params Person[] extra)
    {
        using var stream = typeof(JsonPersonDirectory).Assembly.GetManifestResourceStream("Workflows.People.dev-directory.json")!;
        var seed = JsonSerializer.Deserialize<DirectoryDocument>(stream, Json)!;
        return new JsonPersonDirectory(seed with { People = [.. seed.People, .. extra] });
    }

    public static Person Woman(string id, string role, ScopeLevel level, string scopeId) =>
        new() { Id = id, DisplayName = id, Email = id + "@dev.workflows.local", Gender = "female", Roles = [new RoleGrant(role, level, scopeId)] };
}
