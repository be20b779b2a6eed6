using System.Text.Json.Nodes;
using Workflows.Infra.Tests.Support;

namespace Workflows.Infra.Tests;

/// <summary>infra/entra/app-roles.json, passed to `az ad app create --app-roles` (infra/README.md).</summary>
public sealed class EntraAppRolesTests
{
    private static readonly JsonArray Roles = JsonNode.Parse(
        File.ReadAllText(Path.Combine(RepositoryPaths.Infra, "entra", "app-roles.json")))!.AsArray();

    [Fact]
    public void Roles_AreTheWorkflowRoles_ForUsers()
    {
        Assert.Equal(
            ["Workflows.Administrator", "Workflows.Auditor", "Workflows.Staff"],
            Roles.Select(role => role!.Text("value")).Order(StringComparer.Ordinal));
        Assert.All(Roles.Select(role => role!), role =>
        {
            Assert.True(role.Bool("isEnabled"));
            Assert.Equal(["User"], role.Array("allowedMemberTypes").Select(type => type!.GetValue<string>()));
            Assert.False(string.IsNullOrWhiteSpace(role.Text("description")));
        });
    }

    [Fact]
    public void Roles_HaveDistinctGuidIds()
    {
        var ids = Roles.Select(role => Guid.Parse(role!.Text("id"))).ToList();

        Assert.Equal(ids.Count, ids.Distinct().Count());
    }
}
