using System.Text.Json.Nodes;
using Workflows.Infra.Tests.Support;

namespace Workflows.Infra.Tests;

/// <summary>The environment the host reads its settings from, with secrets as Key Vault references.</summary>
public sealed partial class AppSettingsTests(InfraFixture fixture)
{
    private static readonly string[] AlwaysSet =
    [
        "APPLICATIONINSIGHTS_CONNECTION_STRING", "ASPNETCORE_ENVIRONMENT", "AZURE_CLIENT_ID",
        "AzureAd__ClientId", "AzureAd__ClientSecret", "AzureAd__Instance", "AzureAd__TenantId",
        "Workflows__ApprovalLinks__SigningKey", "Workflows__Audit__ChainKey", "Workflows__Directory__Source", "Workflows__Engine__PartitionCount",
        "Workflows__Graph__SenderMailbox", "Workflows__Notifications__Channel", "Workflows__PublicBaseUrl",
        "Workflows__Storage__AccountName", "Workflows__Storage__TaskHub",
    ];

    private static readonly string[] DirectoryGroups =
    [
        .. new[] { 0, 1 }.SelectMany(i => new[] { "GroupId", "Role", "Level", "ScopeId" }.Select(field => $"Workflows__Directory__GroupRoles__{i}__{field}")),
        "Workflows__Directory__WomenStaffGroupId",
    ];

    private static readonly string[] TeamsBot = ["Workflows__Teams__BotAppId", "Workflows__Teams__BotAppPassword", "Workflows__Teams__BotTenantId"];

    [Fact]
    public void Environment_WithoutABot_HasExactlyTheHostSettings()
    {
        var env = Environment(fixture.Public);

        Assert.Equal(AlwaysSet.Order(StringComparer.Ordinal), env.Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Environment_WithABot_AddsTheTeamsSettings()
    {
        var env = Environment(fixture.Private);

        Assert.Equal(AlwaysSet.Concat(TeamsBot).Concat(DirectoryGroups).Append("Workflows__Audit__RetiredChainKeys").Append("Workflows__Audit__NextChainKey").Order(StringComparer.Ordinal), env.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(SnapshotScenario.Private.Parameters["teamsBotAppId"], env["Workflows__Teams__BotAppId"].Text("value"));
        Assert.Equal("teams-bot-password", env["Workflows__Teams__BotAppPassword"].Text("secretRef"));
    }

    [Fact]
    public void Environment_WithABot_GivesItsTenantSoBotConnectorTokensComeFromThere()
    {
        var env = Environment(fixture.Private);

        // A single-tenant bot (the registration infra/README.md describes) gets its tokens from its own
        // tenant; without the setting the host would ask the multi-tenant botframework.com authority.
        Assert.Equal(SnapshotScenario.TenantId, Value(env, "Workflows__Teams__BotTenantId"));
    }

    [Fact]
    public void Environment_CarriesTheParameters()
    {
        var parameters = SnapshotScenario.Private.Parameters;
        var snapshot = fixture.Private;
        var env = Environment(snapshot);

        Assert.Equal("Production", Value(env, "ASPNETCORE_ENVIRONMENT"));
        Assert.Equal(snapshot.One("Microsoft.Storage/storageAccounts").Text("name"), Value(env, "Workflows__Storage__AccountName"));
        Assert.Equal(parameters["taskHub"], Value(env, "Workflows__Storage__TaskHub"));
        Assert.Equal("6", Value(env, "Workflows__Engine__PartitionCount"));
        Assert.Equal(parameters["customPublicBaseUrl"], Value(env, "Workflows__PublicBaseUrl"));
        Assert.Equal(parameters["notificationsChannel"], Value(env, "Workflows__Notifications__Channel"));
        Assert.Equal(parameters["graphSenderMailbox"], Value(env, "Workflows__Graph__SenderMailbox"));
        Assert.Equal("Graph", Value(env, "Workflows__Directory__Source"));
        Assert.Equal(parameters["entraTenantId"], Value(env, "AzureAd__TenantId"));
        Assert.Equal(parameters["entraClientId"], Value(env, "AzureAd__ClientId"));
        // The authority of the cloud deployed to (https://login.microsoftonline.com/ in Azure public).
        Assert.Equal("[environment().authentication.loginEndpoint]", Value(env, "AzureAd__Instance"));
    }

    [Fact]
    public void Environment_Defaults_UseTheDeploymentTenantAndTheAppAddress()
    {
        var env = Environment(fixture.Public);

        Assert.Equal(SnapshotScenario.TenantId, Value(env, "AzureAd__TenantId"));
        Assert.Equal("workflows", Value(env, "Workflows__Storage__TaskHub"));
        Assert.Equal("4", Value(env, "Workflows__Engine__PartitionCount"));
        Assert.Equal("Graph", Value(env, "Workflows__Notifications__Channel"));
        Assert.StartsWith("[format('https://{0}.{1}', 'ca-functions-", Value(env, "Workflows__PublicBaseUrl"), StringComparison.Ordinal);
        Assert.Contains("outputs.defaultDomain.value", Value(env, "Workflows__PublicBaseUrl"), StringComparison.Ordinal);
        Assert.Contains("outputs.clientId.value", Value(env, "AZURE_CLIENT_ID"), StringComparison.Ordinal);
        Assert.Contains(".ConnectionString", Value(env, "APPLICATIONINSIGHTS_CONNECTION_STRING"), StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(StorageTests.Scenarios), MemberType = typeof(StorageTests))]
    public void Secrets_AreKeyVaultReferencesToSecretsTheVaultHolds(string scenario)
    {
        var snapshot = fixture.Snapshot(StorageTests.Scenario(scenario));
        var app = snapshot.One("Microsoft.App/containerApps");
        var secrets = app.Array("properties.configuration.secrets").Select(secret => secret!).ToList();
        var vaultSecrets = snapshot.OfType("Microsoft.KeyVault/vaults/secrets").Select(secret => secret.Text("name").Split('/')[^1]);
        var referenced = Environment(snapshot).Values.Where(variable => variable["secretRef"] is not null).Select(variable => variable.Text("secretRef"));

        Assert.All(secrets, secret =>
        {
            var name = secret.Text("name");
            Assert.Null(secret["value"]);
            Assert.Contains("outputs.uri.value", secret.Text("keyVaultUrl"), StringComparison.Ordinal);
            Assert.EndsWith($"'{name}')]", secret.Text("keyVaultUrl"), StringComparison.Ordinal);
        });
        Assert.Equal(vaultSecrets.Order(StringComparer.Ordinal), secrets.Select(secret => secret.Text("name")).Order(StringComparer.Ordinal));
        Assert.Equal(secrets.Select(secret => secret.Text("name")).Order(StringComparer.Ordinal), referenced.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Environment_HoldsNoSecretValues()
    {
        var env = Environment(fixture.Public);

        foreach (var name in new[] { "Workflows__ApprovalLinks__SigningKey", "Workflows__Audit__ChainKey", "AzureAd__ClientSecret" })
        {
            Assert.Null(env[name]["value"]);
            Assert.NotNull(env[name]["secretRef"]);
        }
    }

    [Fact]
    public void Environment_TakesTheAuditChainKeyFromItsVaultSecret()
    {
        // The host reads Workflows:Audit:ChainKey (AuditChainOptions); the key must come from the vault, never storage.
        foreach (var snapshot in new[] { fixture.Public, fixture.Private })
        {
            Assert.Equal("audit-chain-key", Environment(snapshot)["Workflows__Audit__ChainKey"].Text("secretRef"));
        }
    }

    [Fact]
    public void Environment_AfterARotation_TakesTheRetiredAuditChainKeysFromTheirVaultSecret()
    {
        // The host reads Workflows:Audit:RetiredChainKeys (AuditChainOptions) to verify entries sealed before the rotation.
        Assert.Equal("audit-chain-retired-keys", Environment(fixture.Private)["Workflows__Audit__RetiredChainKeys"].Text("secretRef"));
        Assert.False(Environment(fixture.Public).ContainsKey("Workflows__Audit__RetiredChainKeys"));
    }

    [Fact]
    public void Environment_WhileTheNextAuditChainKeyIsStaged_TakesItFromItsVaultSecret()
    {
        // The host reads Workflows:Audit:NextChainKey (AuditChainOptions) to follow cases that already moved to it.
        Assert.Equal("audit-chain-next-key", Environment(fixture.Private)["Workflows__Audit__NextChainKey"].Text("secretRef"));
        Assert.False(Environment(fixture.Public).ContainsKey("Workflows__Audit__NextChainKey"));
    }

    /// <summary>Read by the platform and the Azure SDK, not by the host's own settings.</summary>
    private static readonly string[] PlatformSettings = ["ASPNETCORE_ENVIRONMENT", "APPLICATIONINSIGHTS_CONNECTION_STRING", "AZURE_CLIENT_ID"];

    [Fact]
    public void Environment_SetsOnlySettingsTheHostReads()
    {
        // local.settings.sample.json lists exactly the settings the host reads (a host test checks it against
        // the options classes), so a renamed setting cannot leave a dead variable behind in the deployment.
        using var sample = System.Text.Json.JsonDocument.Parse(File.ReadAllText(Path.Combine(RepositoryPaths.Root, "local.settings.sample.json")));
        var hostSettings = sample.RootElement.GetProperty("Values").EnumerateObject().Select(p => p.Name).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var names = Environment(fixture.Public).Keys.Concat(Environment(fixture.Private).Keys).Distinct(StringComparer.Ordinal);

        // A list setting (GroupRoles__1__Role) is read like its first element, the one the sample lists.
        var unknown = names.Where(name => !hostSettings.Contains(ListIndex().Replace(name, "__0__")) && !PlatformSettings.Contains(name, StringComparer.Ordinal)).ToList();

        Assert.True(unknown.Count == 0, $"The deployment sets variables the host does not read: {string.Join(", ", unknown)}");
    }

    [Fact]
    public void Environment_CarriesTheDirectoryGroupsSoThatAProvisionKeepsThem()
    {
        var env = Environment(fixture.Private);

        Assert.Equal("00000000-0000-0000-0000-000000000101", Value(env, "Workflows__Directory__GroupRoles__0__GroupId"));
        Assert.Equal(("programmeCoordinator", "Facility", "almaty"), (Value(env, "Workflows__Directory__GroupRoles__0__Role"), Value(env, "Workflows__Directory__GroupRoles__0__Level"), Value(env, "Workflows__Directory__GroupRoles__0__ScopeId")));
        Assert.Equal(("inspector", "Central", ""), (Value(env, "Workflows__Directory__GroupRoles__1__Role"), Value(env, "Workflows__Directory__GroupRoles__1__Level"), Value(env, "Workflows__Directory__GroupRoles__1__ScopeId")));
        Assert.Equal("00000000-0000-0000-0000-000000000103", Value(env, "Workflows__Directory__WomenStaffGroupId"));
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"__\d+__")]
    private static partial System.Text.RegularExpressions.Regex ListIndex();

    internal static Dictionary<string, JsonNode> Environment(DeploymentSnapshot snapshot) =>
        snapshot.One("Microsoft.App/containerApps").Array("properties.template.containers[0].env")
            .ToDictionary(variable => variable!.Text("name"), variable => variable!);

    private static string Value(Dictionary<string, JsonNode> env, string name) => env[name].Text("value");
}
