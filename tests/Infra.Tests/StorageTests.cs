using Workflows.Infra.Tests.Support;

namespace Workflows.Infra.Tests;

/// <summary>The storage account is reachable only with an identity, over TLS 1.2, and keeps history.</summary>
public sealed class StorageTests(InfraFixture fixture)
{
    private const string Account = "Microsoft.Storage/storageAccounts";

    [Fact]
    public void Account_DisablesSharedKeysAndPublicBlobAccess()
    {
        var account = fixture.Public.One(Account);

        Assert.False(account.Bool("properties.allowSharedKeyAccess"));
        Assert.True(account.Bool("properties.defaultToOAuthAuthentication"));
        Assert.False(account.Bool("properties.allowBlobPublicAccess"));
        Assert.False(account.Bool("properties.allowCrossTenantReplication"));
    }

    [Fact]
    public void Account_RequiresHttpsAndTls12()
    {
        var account = fixture.Public.One(Account);

        Assert.True(account.Bool("properties.supportsHttpsTrafficOnly"));
        Assert.Equal("TLS1_2", account.Text("properties.minimumTlsVersion"));
    }

    [Fact]
    public void BlobService_KeepsVersionsAndSoftDeletedBlobsAndContainers()
    {
        var blobs = fixture.Public.One("Microsoft.Storage/storageAccounts/blobServices");

        Assert.True(blobs.Bool("properties.isVersioningEnabled"));
        Assert.True(blobs.Bool("properties.deleteRetentionPolicy.enabled"));
        Assert.True(blobs.Number("properties.deleteRetentionPolicy.days") >= 7);
        Assert.True(blobs.Bool("properties.containerDeleteRetentionPolicy.enabled"));
    }

    [Fact]
    public void AuditContainer_IsWormWithTheConfiguredRetentionAndAppendOnlyWrites()
    {
        var snapshot = fixture.Private;
        var audit = snapshot.OfType("Microsoft.Storage/storageAccounts/blobServices/containers")
            .Single(container => container.Text("name").EndsWith("/audit", StringComparison.Ordinal));
        var policy = snapshot.One("Microsoft.Storage/storageAccounts/blobServices/containers/immutabilityPolicies");

        Assert.True(audit.Bool("properties.immutableStorageWithVersioning.enabled"));
        Assert.Equal("None", audit.Text("properties.publicAccess"));
        Assert.EndsWith("/audit/default", policy.Text("name"), StringComparison.Ordinal);
        Assert.Equal(SnapshotScenario.Private.Parameters["auditRetentionDays"], policy.Number("properties.immutabilityPeriodSinceCreationInDays"));
        Assert.True(policy.Bool("properties.allowProtectedAppendWrites"));
    }

    [Fact]
    public void Containers_AreAuditAndDocuments_BothPrivate()
    {
        var containers = fixture.Public.OfType("Microsoft.Storage/storageAccounts/blobServices/containers").ToList();

        Assert.Equal(["audit", "wf-documents"], containers.Select(c => c.Text("name").Split('/')[^1]).Order());
        Assert.All(containers, container => Assert.Equal("None", container.Text("properties.publicAccess")));
    }

    [Theory]
    [MemberData(nameof(Scenarios))]
    public void Queues_AreTheEngineQueuesOfTheTaskHub(string scenarioName)
    {
        var scenario = Scenario(scenarioName);
        var taskHub = (string)scenario.Parameters.GetValueOrDefault("taskHub", "workflows");
        var partitions = (int)scenario.Parameters.GetValueOrDefault("partitionCount", 4);

        var queues = fixture.Snapshot(scenario).OfType("Microsoft.Storage/storageAccounts/queueServices/queues")
            .Select(queue => queue.Text("name").Split('/')[^1])
            .Order(StringComparer.Ordinal);

        Assert.Equal(ExpectedQueues(taskHub, partitions).Order(StringComparer.Ordinal), queues);
    }

    [Fact]
    public void Account_IsPublicOnlyWithoutPrivateNetworking()
    {
        var open = fixture.Public.One(Account);
        var closed = fixture.Private.One(Account);

        Assert.Equal("Enabled", open.Text("properties.publicNetworkAccess"));
        Assert.Equal("Disabled", closed.Text("properties.publicNetworkAccess"));
        Assert.Equal("Deny", closed.Text("properties.networkAcls.defaultAction"));
    }

    public static TheoryData<string> Scenarios => [SnapshotScenario.Public.Name, SnapshotScenario.Private.Name];

    /// <summary>{hub}-control-00 … {hub}-control-NN and {hub}-workitems, as the engine names them.</summary>
    public static IEnumerable<string> ExpectedQueues(string taskHub, int partitions) =>
        Enumerable.Range(0, partitions)
            .Select(partition => $"{taskHub}-control-{partition:00}")
            .Append($"{taskHub}-workitems");

    internal static SnapshotScenario Scenario(string name) =>
        name == SnapshotScenario.Public.Name ? SnapshotScenario.Public : SnapshotScenario.Private;
}
