using Workflows.Infra.Tests.Support;

namespace Workflows.Infra.Tests;

/// <summary>Every role assignment is a known built-in role on the one resource it is about.</summary>
public sealed class RoleAssignmentTests(InfraFixture fixture)
{
    // Built-in role ids (the same in every tenant), kept here independently of infra/.
    private const string StorageBlobDataOwner = "b7e6dc6d-f1e8-4753-8033-0f276bb0955b";
    private const string StorageQueueDataContributor = "974c5e8b-45b9-4653-ba55-5f855dd0fb88";
    private const string StorageTableDataContributor = "0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3";
    private const string KeyVaultSecretsUser = "4633458b-17de-408a-b874-0445c86b69e6";
    private const string KeyVaultSecretsOfficer = "b86a8fe4-44ce-4948-aee5-eccb2c155cd7";
    private const string MonitoringMetricsPublisher = "3913510d-42f4-4e42-8a64-420c390055eb";
    private const string AcrPull = "7f951dda-4ed3-4680-a7ca-43fe172d538d";
    private const string AcrPush = "8311e382-0749-4cb8-b61a-304f252e45ec";

    private const string Storage = "Microsoft.Storage/storageAccounts";
    private const string Vault = "Microsoft.KeyVault/vaults";
    private const string Insights = "Microsoft.Insights/components";
    private const string Registry = "Microsoft.ContainerRegistry/registries";

    private static readonly string[] KnownRoles =
    [
        StorageBlobDataOwner, StorageQueueDataContributor, StorageTableDataContributor, KeyVaultSecretsUser,
        KeyVaultSecretsOfficer, MonitoringMetricsPublisher, AcrPull, AcrPush,
    ];

    private static readonly string[] IdentityGrants =
    [
        $"{Storage} {StorageBlobDataOwner}", $"{Storage} {StorageQueueDataContributor}", $"{Storage} {StorageTableDataContributor}",
        $"{Vault} {KeyVaultSecretsUser}", $"{Insights} {MonitoringMetricsPublisher}", $"{Registry} {AcrPull}",
    ];

    private static readonly string[] DeployingPrincipalGrants =
    [
        $"{Storage} {StorageBlobDataOwner}", $"{Storage} {StorageQueueDataContributor}", $"{Storage} {StorageTableDataContributor}",
        $"{Vault} {KeyVaultSecretsOfficer}", $"{Registry} {AcrPush}",
    ];

    [Theory]
    [MemberData(nameof(StorageTests.Scenarios), MemberType = typeof(StorageTests))]
    public void EveryRoleDefinition_IsAnExpectedBuiltInRole(string scenario)
    {
        var assignments = Assignments(fixture.Snapshot(StorageTests.Scenario(scenario)));

        Assert.NotEmpty(assignments);
        Assert.All(assignments, assignment =>
        {
            Assert.StartsWith($"/subscriptions/{SnapshotScenario.SubscriptionId}/providers/Microsoft.Authorization/roleDefinitions/", assignment.RoleDefinitionId, StringComparison.Ordinal);
            Assert.Contains(assignment.Role, KnownRoles);
        });
    }

    [Theory]
    [MemberData(nameof(StorageTests.Scenarios), MemberType = typeof(StorageTests))]
    public void ManagedIdentity_GetsTheDataRolesTheAppNeeds(string scenario)
    {
        var grants = Assignments(fixture.Snapshot(StorageTests.Scenario(scenario))).Where(a => a.IsManagedIdentity).ToList();

        Assert.Equal(IdentityGrants.Order(StringComparer.Ordinal), grants.Select(a => a.Grant).Order(StringComparer.Ordinal));
        Assert.All(grants, grant => Assert.Equal("ServicePrincipal", grant.PrincipalType));
    }

    [Fact]
    public void DeployingPrincipal_GetsDataAndSecretAndPushRoles()
    {
        var grants = Assignments(fixture.Public).Where(a => a.PrincipalId == SnapshotScenario.DeployingPrincipalId).ToList();

        Assert.Equal(DeployingPrincipalGrants.Order(StringComparer.Ordinal), grants.Select(a => a.Grant).Order(StringComparer.Ordinal));
        Assert.All(grants, grant => Assert.Equal("User", grant.PrincipalType));
    }

    [Fact]
    public void WithoutADeployingPrincipal_OnlyTheIdentityIsGranted()
    {
        Assert.All(Assignments(fixture.Private), assignment => Assert.True(assignment.IsManagedIdentity, assignment.Grant));
    }

    [Fact]
    public void AssignmentNames_AreUnique()
    {
        var names = Assignments(fixture.Public).Select(a => a.Name).ToList();

        Assert.Equal(names.Count, names.Distinct(StringComparer.OrdinalIgnoreCase).Count());
    }

    private static List<Assignment> Assignments(DeploymentSnapshot snapshot) =>
        [.. snapshot.OfType("Microsoft.Authorization/roleAssignments").Select(resource =>
        {
            var id = resource.Text("id");
            var scope = id[..id.IndexOf("/providers/Microsoft.Authorization/", StringComparison.Ordinal)];
            var providerPath = scope[(scope.LastIndexOf("/providers/", StringComparison.Ordinal) + "/providers/".Length)..].Split('/');
            return new Assignment(
                resource.Text("name"),
                $"{providerPath[0]}/{providerPath[1]}",
                resource.Text("properties.roleDefinitionId"),
                resource.Text("properties.principalId"),
                resource.Text("properties.principalType"));
        })];

    private sealed record Assignment(string Name, string ScopeType, string RoleDefinitionId, string PrincipalId, string PrincipalType)
    {
        public string Role => RoleDefinitionId.Split('/')[^1];

        public string Grant => $"{ScopeType} {Role}";

        /// <summary>The identity's object id exists only once it is created: a reference to its module output.</summary>
        public bool IsManagedIdentity =>
            PrincipalId.StartsWith("[reference(", StringComparison.Ordinal)
            && PrincipalId.Contains("'identity-", StringComparison.Ordinal)
            && PrincipalId.EndsWith("outputs.principalId.value]", StringComparison.Ordinal);
    }
}
