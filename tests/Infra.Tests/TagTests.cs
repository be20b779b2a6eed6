using Workflows.Infra.Tests.Support;

namespace Workflows.Infra.Tests;

/// <summary>The tags azd relies on: azd-env-name everywhere, azd-service-name on the app alone.</summary>
public sealed class TagTests(InfraFixture fixture)
{
    // Resources that cannot carry tags (extension and child resources that ARM does not tag).
    private static readonly string[] Untaggable =
    [
        "Microsoft.Authorization/roleAssignments", "Microsoft.Insights/diagnosticSettings", "Microsoft.KeyVault/vaults/secrets",
        "Microsoft.Network/privateEndpoints/privateDnsZoneGroups",
    ];

    [Theory]
    [MemberData(nameof(StorageTests.Scenarios), MemberType = typeof(StorageTests))]
    public void EveryTopLevelResource_CarriesTheEnvironmentName(string scenarioName)
    {
        var scenario = StorageTests.Scenario(scenarioName);
        var tagged = fixture.Snapshot(scenario).Resources
            .Where(resource => !Untaggable.Contains(resource.Text("type")))
            .Where(resource => !resource.Text("type").StartsWith("Microsoft.Storage/storageAccounts/", StringComparison.Ordinal))
            .ToList();

        Assert.Contains(tagged, resource => resource.Text("type") == "Microsoft.Resources/resourceGroups");
        Assert.All(tagged, resource => Assert.Equal(scenario.Parameters["environmentName"], resource.Text("tags.azd-env-name")));
    }

    [Theory]
    [MemberData(nameof(StorageTests.Scenarios), MemberType = typeof(StorageTests))]
    public void OnlyTheContainerApp_IsTheFunctionsService(string scenario)
    {
        var services = fixture.Snapshot(StorageTests.Scenario(scenario)).Resources
            .Where(resource => resource.Find("tags.azd-service-name") is not null)
            .ToList();

        var service = Assert.Single(services);
        Assert.Equal("Microsoft.App/containerApps", service.Text("type"));
        Assert.Equal("functions", service.Text("tags.azd-service-name"));
    }

    [Fact]
    public void ResourceGroup_IsNamedAfterTheEnvironment()
    {
        Assert.Equal("rg-ci", fixture.Public.One("Microsoft.Resources/resourceGroups").Text("name"));
    }
}
