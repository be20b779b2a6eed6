using System.Text.Json.Nodes;
using Workflows.Infra.Tests.Support;

namespace Workflows.Infra.Tests;

/// <summary>The host on Container Apps: scales to zero, wakes on HTTP and queue work, runs as the identity.</summary>
public sealed class ContainerAppTests(InfraFixture fixture)
{
    private const string ContainerApp = "Microsoft.App/containerApps";

    [Theory]
    [MemberData(nameof(StorageTests.Scenarios), MemberType = typeof(StorageTests))]
    public void Scale_StartsAtZeroReplicas(string scenario)
    {
        var app = fixture.Snapshot(StorageTests.Scenario(scenario)).One(ContainerApp);

        Assert.Equal(0, app.Number("properties.template.scale.minReplicas"));
        Assert.True(app.Number("properties.template.scale.maxReplicas") >= 1);
    }

    [Theory]
    [MemberData(nameof(StorageTests.Scenarios), MemberType = typeof(StorageTests))]
    public void Scale_HasAnIdentityAuthenticatedQueueRuleForEveryEngineQueue(string scenarioName)
    {
        var scenario = StorageTests.Scenario(scenarioName);
        var snapshot = fixture.Snapshot(scenario);
        var app = snapshot.One(ContainerApp);
        var accountName = snapshot.One("Microsoft.Storage/storageAccounts").Text("name");
        var identity = app.Text("properties.configuration.registries[0].identity");
        var queueRules = Rules(app).Where(rule => rule["azureQueue"] is not null).Select(rule => rule["azureQueue"]!).ToList();

        var expected = StorageTests.ExpectedQueues(
            (string)scenario.Parameters.GetValueOrDefault("taskHub", "workflows"),
            (int)scenario.Parameters.GetValueOrDefault("partitionCount", 4));
        Assert.Equal(expected.Order(StringComparer.Ordinal), queueRules.Select(rule => rule.Text("queueName")).Order(StringComparer.Ordinal));
        Assert.All(queueRules, rule =>
        {
            Assert.Equal(accountName, rule.Text("accountName"));
            Assert.Equal(identity, rule.Text("identity"));
            Assert.Null(rule["auth"]);
            Assert.True(rule.Number("queueLength") >= 1);
        });
    }

    [Fact]
    public void Scale_HasAnHttpRule()
    {
        var http = Rules(fixture.Public.One(ContainerApp)).Single(rule => rule["http"] is not null);

        Assert.True(int.Parse(http.Text("http.metadata.concurrentRequests"), System.Globalization.CultureInfo.InvariantCulture) > 0);
    }

    [Fact]
    public void Identity_IsTheUserAssignedIdentityEverywhere()
    {
        var app = fixture.Public.One(ContainerApp);
        var identity = app.Text("properties.configuration.registries[0].identity");
        var assigned = app.Get("identity.userAssignedIdentities").AsObject().Select(pair => pair.Key).ToList();

        Assert.Equal("UserAssigned", app.Text("identity.type"));
        Assert.Single(assigned);
        Assert.Contains(identity.Trim('[', ']'), assigned[0], StringComparison.Ordinal);
        Assert.All(app.Array("properties.configuration.secrets"), secret => Assert.Equal(identity, secret!.Text("identity")));
    }

    [Fact]
    public void Probes_CheckHealthzOnTheIngressPort()
    {
        var app = fixture.Private.One(ContainerApp);
        var port = app.Number("properties.configuration.ingress.targetPort");
        var probes = app.Array("properties.template.containers[0].probes").Select(probe => probe!).ToList();

        Assert.Equal(8080, port);
        Assert.Equal(["Liveness", "Readiness", "Startup"], probes.Select(probe => probe.Text("type")).Order());
        Assert.All(probes, probe =>
        {
            Assert.Equal("/healthz", probe.Text("httpGet.path"));
            Assert.Equal(port, probe.Number("httpGet.port"));
        });
    }

    [Fact]
    public void Placeholder_ListensOnTheAppsPortAndHasNoHealthzProbes()
    {
        // Before the first deploy the placeholder runs; azd deploy later swaps only the image, so the
        // port must already be the app's, and probes on /healthz (which it lacks) would fail its revision.
        var app = fixture.Public.One(ContainerApp);

        Assert.Equal("mcr.microsoft.com/dotnet/samples:aspnetapp", app.Text("properties.template.containers[0].image"));
        Assert.Equal(8080, app.Number("properties.configuration.ingress.targetPort"));
        Assert.Empty(app.Array("properties.template.containers[0].probes"));
    }

    [Fact]
    public void Ingress_IsExternalAndHttpsOnly()
    {
        var ingress = fixture.Public.One(ContainerApp).Get("properties.configuration.ingress");

        Assert.True(ingress.Bool("external"));
        Assert.False(ingress.Bool("allowInsecure"));
    }

    [Fact]
    public void Image_IsThePlaceholderBeforeTheFirstDeploy_AndTheCurrentImageAfterwards()
    {
        var before = fixture.Public.One(ContainerApp).Text("properties.template.containers[0].image");
        var after = fixture.Private.One(ContainerApp).Text("properties.template.containers[0].image");

        Assert.Equal("mcr.microsoft.com/dotnet/samples:aspnetapp", before);
        Assert.Contains("currentImage", after, StringComparison.Ordinal);
        Assert.Contains("containers.value[0].image", after, StringComparison.Ordinal);
    }

    [Fact]
    public void Registry_IsPulledWithTheIdentityNotAPassword()
    {
        var registry = fixture.Public.One(ContainerApp).Get("properties.configuration.registries[0]").AsObject();

        Assert.Equal(["identity", "server"], registry.Select(pair => pair.Key).Order());
    }

    internal static IEnumerable<JsonNode> Rules(JsonNode app) =>
        app.Array("properties.template.scale.rules").Select(rule => rule!);
}
