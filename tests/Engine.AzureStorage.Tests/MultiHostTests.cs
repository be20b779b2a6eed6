using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Azure.Storage.Blobs.Specialized;
using Workflows.Engine.AzureStorage.Internal;
using Workflows.Testing.Azurite;

namespace Workflows.Engine.AzureStorage.Tests;

/// <summary>Several hosts sharing one task hub.</summary>
public sealed class MultiHostTests(AzuriteFixture azurite)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_host_that_dies_with_work_in_flight_is_taken_over_and_every_instance_completes()
    {
        var hub = AzureStorageHarness.NewTaskHub();
        static void Settings(AzureStorageOptions o, string hostId)
        {
            o.HostId = hostId;

            // Short, so that what the dead host held comes back soon (5 s is the lowest allowed).
            o.ControlMessageVisibilityTimeout = TimeSpan.FromSeconds(5);
            o.WorkItemVisibilityTimeout = TimeSpan.FromSeconds(5);
        }

        var gateA = ActivityGate.Opened();
        var gateB = new ActivityGate();
        await using var a = await AzureStorageHarness.StartAsync(azurite.ConnectionString, gateA.Register, hub, storage: o => Settings(o, "host-a"));
        await using var b = await AzureStorageHarness.StartAsync(azurite.ConnectionString, gateB.Register, hub, a.Clock, o => Settings(o, "host-b"));

        await WaitUntilAsync(() => a.Backend.OwnedPartitions.Count == 2 && b.Backend.OwnedPartitions.Count == 2, "two partitions each");
        Assert.Empty(a.Backend.OwnedPartitions.Intersect(b.Backend.OwnedPartitions));
        var ownedByB = b.Backend.OwnedPartitions.ToHashSet();

        var gated = new List<string>();
        var waiting = new List<string>();
        for (var i = 0; i < 16; i++)
        {
            gated.Add(await a.Client.ScheduleNewOrchestrationAsync("Test.GatedEcho", $"g{i}", cancellationToken: Ct));
            waiting.Add(await a.Client.ScheduleNewOrchestrationAsync("Test.WaitThenEcho", $"in-{i}-", cancellationToken: Ct));
        }

        foreach (var id in waiting)
        {
            await a.WaitForStateAsync(id, s => s.RuntimeStatus == OrchestrationRuntimeStatus.Running, "running");
        }

        // Host B runs the activities of the instances in its partitions; they never pass its gate.
        var onB = gated.Count(id => ownedByB.Contains(StorageBehaviourTests.PartitionOf(id, 4)));
        Assert.True(onB > 0, "No instance landed on host B's partitions.");
        await WaitUntilAsync(() => gateB.Waiting == onB, $"{onB} activities in flight on host B ({gateB.Waiting} so far)");

        // Events B sends to its own partitions are held in its memory (invisible in the queue) when it dies.
        foreach (var id in waiting.Where(id => ownedByB.Contains(StorageBehaviourTests.PartitionOf(id, 4))))
        {
            await b.Client.RaiseEventAsync(id, "go", "x", cancellationToken: Ct);
        }

        // Host B dies: no lease release, nothing given back, its activities still hanging.
        Assert.False(b.Backend.IsIdle);
        await b.Backend.AbandonHostAsync();
        foreach (var id in waiting.Where(id => !ownedByB.Contains(StorageBehaviourTests.PartitionOf(id, 4))))
        {
            await a.Client.RaiseEventAsync(id, "go", "x", cancellationToken: Ct);
        }

        await WaitUntilAsync(() => a.Backend.OwnedPartitions.Count == 4, "host A owning every partition");
        foreach (var (id, i) in gated.Select((id, i) => (id, i)))
        {
            var state = await a.WaitForStateAsync(id, s => s.RuntimeStatus.IsTerminal(), "completion");
            Assert.Equal($"\"g{i}\"", state.Output);
        }

        foreach (var (id, i) in waiting.Select((id, i) => (id, i)))
        {
            var state = await a.WaitForStateAsync(id, s => s.RuntimeStatus.IsTerminal(), "completion");
            Assert.Equal($"\"in-{i}-x\"", state.Output);
        }

        Assert.Equal(onB, gateB.Waiting);
    }

    [Fact]
    public async Task A_host_stopped_gracefully_releases_its_leases_and_gives_its_work_back_at_once()
    {
        var hub = AzureStorageHarness.NewTaskHub();
        static void Settings(AzureStorageOptions o, string hostId)
        {
            o.HostId = hostId;

            // Long: the other host can only take over this fast because everything was given back.
            o.LeaseDuration = TimeSpan.FromSeconds(60);
            o.LeaseRenewInterval = TimeSpan.FromSeconds(20);
            o.ControlMessageVisibilityTimeout = TimeSpan.FromMinutes(5);
            o.WorkItemVisibilityTimeout = TimeSpan.FromMinutes(5);
        }

        var gateA = ActivityGate.Opened();
        var gateB = new ActivityGate();
        await using var a = await AzureStorageHarness.StartAsync(azurite.ConnectionString, gateA.Register, hub, storage: o => Settings(o, "host-a"));
        var b = await AzureStorageHarness.StartAsync(azurite.ConnectionString, gateB.Register, hub, a.Clock, o => Settings(o, "host-b"));
        var bStopped = false;
        try
        {
            await WaitUntilAsync(() => a.Backend.OwnedPartitions.Count == 2 && b.Backend.OwnedPartitions.Count == 2, "two partitions each");
            var ownedByB = b.Backend.OwnedPartitions.ToList();
            var ids = new List<string>();
            for (var i = 0; i < 12; i++)
            {
                ids.Add(await a.Client.ScheduleNewOrchestrationAsync("Test.GatedEcho", $"g{i}", cancellationToken: Ct));
            }

            var onB = ids.Count(id => ownedByB.Contains(StorageBehaviourTests.PartitionOf(id, 4)));
            Assert.True(onB > 0, "No instance landed on host B's partitions.");
            await WaitUntilAsync(() => gateB.Waiting == onB, $"{onB} activities in flight on host B ({gateB.Waiting} so far)");

            // Graceful stop: the held activities are cancelled and given back, the leases released.
            var leases = new BlobContainerClient(azurite.ConnectionString, hub + "-leases");
            var leaseOfB = PartitionLeaseManager.LeaseIdOf("host-b");
            foreach (var partition in ownedByB)
            {
                var properties = await leases.GetBlobClient($"control-{partition:D2}").GetPropertiesAsync(cancellationToken: Ct);
                Assert.Equal(LeaseState.Leased, properties.Value.LeaseState);
            }

            await b.DisposeAsync();
            bStopped = true;

            // B holds none of its leases any more (a release under its lease id is refused), although
            // they were taken for 60 s and renewed; host A may already have taken them.
            foreach (var partition in ownedByB)
            {
                var lease = leases.GetBlobClient($"control-{partition:D2}").GetBlobLeaseClient(leaseOfB);
                var refused = await Assert.ThrowsAsync<Azure.RequestFailedException>(() => lease.ReleaseAsync(cancellationToken: Ct));
                Assert.Equal(409, refused.Status);
            }

            await WaitUntilAsync(() => a.Backend.OwnedPartitions.Count == 4, "host A owning every partition", seconds: 30);

            foreach (var (id, i) in ids.Select((id, i) => (id, i)))
            {
                var state = await a.WaitForStateAsync(id, s => s.RuntimeStatus.IsTerminal(), "completion");
                Assert.Equal($"\"g{i}\"", state.Output);
            }
        }
        finally
        {
            if (!bStopped)
            {
                await b.DisposeAsync();
            }
        }
    }

    internal static async Task WaitUntilAsync(Func<bool> condition, string description, int seconds = 60)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, $"Timed out waiting for {description}.");
            await Task.Delay(100, TestContext.Current.CancellationToken);
        }
    }
}
