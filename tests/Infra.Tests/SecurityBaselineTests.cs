using Workflows.Infra.Tests.Support;

namespace Workflows.Infra.Tests;

/// <summary>Key Vault, monitoring and registry: no keys, no admin users, secrets recoverable.</summary>
public sealed class SecurityBaselineTests(InfraFixture fixture)
{
    [Fact]
    public void KeyVault_UsesRbacAndCannotBePurged()
    {
        var vault = fixture.Public.One("Microsoft.KeyVault/vaults");

        Assert.True(vault.Bool("properties.enableRbacAuthorization"));
        Assert.True(vault.Bool("properties.enablePurgeProtection"));
        Assert.True(vault.Bool("properties.enableSoftDelete"));
        Assert.True(vault.Number("properties.softDeleteRetentionInDays") >= 7);
        Assert.Null(vault.Find("properties.accessPolicies"));
    }

    [Fact]
    public void KeyVault_HoldsTheAppSecrets_TheBotPasswordOnlyWithABot_AndRetiredAuditKeysOnlyAfterARotation()
    {
        static IEnumerable<string> Names(DeploymentSnapshot snapshot) =>
            snapshot.OfType("Microsoft.KeyVault/vaults/secrets").Select(secret => secret.Text("name").Split('/')[^1]).Order(StringComparer.Ordinal);

        Assert.Equal(["approval-link-signing-key", "audit-chain-key", "entra-client-secret"], Names(fixture.Public));
        Assert.Equal(["approval-link-signing-key", "audit-chain-key", "audit-chain-next-key", "audit-chain-retired-keys", "entra-client-secret", "teams-bot-password"], Names(fixture.Private));
    }

    [Fact]
    public void KeyVault_IsPublicOnlyWithoutPrivateNetworking()
    {
        Assert.Equal("Enabled", fixture.Public.One("Microsoft.KeyVault/vaults").Text("properties.publicNetworkAccess"));
        Assert.Equal("Disabled", fixture.Private.One("Microsoft.KeyVault/vaults").Text("properties.publicNetworkAccess"));
        Assert.Equal("Deny", fixture.Private.One("Microsoft.KeyVault/vaults").Text("properties.networkAcls.defaultAction"));
    }

    [Fact]
    public void ApplicationInsights_DisablesLocalAuthentication()
    {
        var insights = fixture.Public.One("Microsoft.Insights/components");

        Assert.True(insights.Bool("properties.DisableLocalAuth"));
        Assert.Equal(fixture.Public.One("Microsoft.OperationalInsights/workspaces").Text("id"), insights.Text("properties.WorkspaceResourceId"));
    }

    [Fact]
    public void LogAnalytics_DisablesLocalAuthentication()
    {
        Assert.True(fixture.Public.One("Microsoft.OperationalInsights/workspaces").Bool("properties.features.disableLocalAuth"));
    }

    [Fact]
    public void ContainerAppsEnvironment_SendsLogsWithoutTheWorkspaceKey()
    {
        var snapshot = fixture.Public;
        var environment = snapshot.One("Microsoft.App/managedEnvironments");
        var toWorkspace = snapshot.OfType("Microsoft.Insights/diagnosticSettings")
            .Single(setting => setting.Text("id").Contains("/Microsoft.App/managedEnvironments/", StringComparison.Ordinal));

        Assert.Equal("azure-monitor", environment.Text("properties.appLogsConfiguration.destination"));
        Assert.Null(environment.Find("properties.appLogsConfiguration.logAnalyticsConfiguration"));
        Assert.Contains("outputs.logAnalyticsWorkspaceId.value", toWorkspace.Text("properties.workspaceId"), StringComparison.Ordinal);
        Assert.Equal("allLogs", toWorkspace.Text("properties.logs[0].categoryGroup"));
    }

    [Fact]
    public void ContainerAppsEnvironment_IsConsumptionOnly()
    {
        var profiles = fixture.Public.One("Microsoft.App/managedEnvironments").Array("properties.workloadProfiles");

        Assert.Equal("Consumption", Assert.Single(profiles)!.Text("workloadProfileType"));
        Assert.Equal("Consumption", fixture.Public.One("Microsoft.App/containerApps").Text("properties.workloadProfileName"));
        Assert.Equal("Consumption", fixture.Public.One("Microsoft.App/jobs").Text("properties.workloadProfileName"));
    }

    [Fact]
    public void ContainerRegistry_HasNoAdminUserNorAnonymousPull()
    {
        var registry = fixture.Public.One("Microsoft.ContainerRegistry/registries");

        Assert.False(registry.Bool("properties.adminUserEnabled"));
        Assert.False(registry.Bool("properties.anonymousPullEnabled"));
    }
}
