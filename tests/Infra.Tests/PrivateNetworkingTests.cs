using Workflows.Infra.Tests.Support;

namespace Workflows.Infra.Tests;

/// <summary>The privateNetworking parameter adds a network, private endpoints and DNS, and nothing otherwise.</summary>
public sealed class PrivateNetworkingTests(InfraFixture fixture)
{
    private static readonly string[] NetworkTypes =
    [
        "Microsoft.Network/virtualNetworks", "Microsoft.Network/privateEndpoints",
        "Microsoft.Network/privateEndpoints/privateDnsZoneGroups", "Microsoft.Network/privateDnsZones",
        "Microsoft.Network/privateDnsZones/virtualNetworkLinks",
    ];

    [Fact]
    public void Off_DeploysNoNetworkResources()
    {
        var snapshot = fixture.Public;

        Assert.All(NetworkTypes, type => Assert.Empty(snapshot.OfType(type)));
        Assert.Null(snapshot.One("Microsoft.App/managedEnvironments").Find("properties.vnetConfiguration"));
    }

    [Fact]
    public void On_AddsAPrivateEndpointWithDnsForBlobQueueTableAndVault()
    {
        var snapshot = fixture.Private;
        var endpoints = snapshot.OfType("Microsoft.Network/privateEndpoints").ToList();

        Assert.Equal(
            ["blob", "queue", "table", "vault"],
            endpoints.Select(endpoint => endpoint.Text("properties.privateLinkServiceConnections[0].properties.groupIds[0]")).Order(StringComparer.Ordinal));
        Assert.Equal(4, snapshot.OfType("Microsoft.Network/privateEndpoints/privateDnsZoneGroups").Count());
        Assert.Equal(4, snapshot.OfType("Microsoft.Network/privateDnsZones/virtualNetworkLinks").Count());
        Assert.All(
            snapshot.OfType("Microsoft.Network/privateDnsZones/virtualNetworkLinks"),
            link => Assert.False(link.Bool("properties.registrationEnabled")));
        Assert.Equal(
            ["privatelink.blob.", "privatelink.queue.", "privatelink.table.", "privatelink{0}"],
            snapshot.OfType("Microsoft.Network/privateDnsZones").Select(zone => ZonePrefix(zone.Text("name"))).Order(StringComparer.Ordinal));
        Assert.All(endpoints, endpoint =>
        {
            var target = endpoint.Text("properties.privateLinkServiceConnections[0].properties.privateLinkServiceId");
            var module = endpoint.Text("name").StartsWith("pep-vault-", StringComparison.Ordinal) ? "'keyVault-" : "'storage-";
            Assert.Contains(module, target, StringComparison.Ordinal);
            Assert.EndsWith("outputs.id.value]", target, StringComparison.Ordinal);
        });
    }

    [Fact]
    public void On_PutsTheEnvironmentInTheDelegatedSubnet()
    {
        var snapshot = fixture.Private;
        var network = snapshot.One("Microsoft.Network/virtualNetworks");
        var appsSubnet = network.Array("properties.subnets").Single(subnet => subnet!.Find("properties.delegations") is not null)!;
        var environment = snapshot.One("Microsoft.App/managedEnvironments");

        Assert.Equal("Microsoft.App/environments", appsSubnet.Text("properties.delegations[0].properties.serviceName"));
        Assert.Equal($"{network.Text("id")}/subnets/{appsSubnet.Text("name")}", environment.Text("properties.vnetConfiguration.infrastructureSubnetId"));
        // Approvers open links from email and Teams calls the bot: the app itself stays reachable.
        Assert.False(environment.Bool("properties.vnetConfiguration.internal"));
    }

    [Fact]
    public void On_ClosesThePublicEndpointsOfStorageAndVault()
    {
        var snapshot = fixture.Private;

        Assert.Equal("Disabled", snapshot.One("Microsoft.Storage/storageAccounts").Text("properties.publicNetworkAccess"));
        Assert.Equal("Disabled", snapshot.One("Microsoft.KeyVault/vaults").Text("properties.publicNetworkAccess"));
    }

    // Zone names are built from the cloud's suffixes (environment()), which the snapshot leaves as an
    // expression; the vault zone is privatelink + the cloud's ".vaultcore." suffix.
    private static string ZonePrefix(string name)
    {
        var text = name.Replace("[format('", "", StringComparison.Ordinal);
        return text.StartsWith("privatelink{0}", StringComparison.Ordinal) && text.Contains("'.vaultcore.'", StringComparison.Ordinal)
            ? "privatelink{0}"
            : text[..(text.IndexOf('{', StringComparison.Ordinal))];
    }
}
