using Workflows.Testing.Azurite;

namespace Workflows.Engine.AzureStorage.Tests;

/// <summary>Several hosts sharing one task hub.</summary>
public sealed class MultiHostTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task Two_hosts_spread_the_partitions_and_a_dead_hosts_partitions_are_taken_over()
    {
        var hub = AzureStorageHarness.NewTaskHub();
        await using var a = await AzureStorageHarness.StartAsync(azurite.ConnectionString, TestOrchestrations.Register, hub, storage: o => o.HostId = "host-a");
        await using var b = await AzureStorageHarness.StartAsync(azurite.ConnectionString, TestOrchestrations.Register, hub, a.Clock, o => o.HostId = "host-b");

        await WaitUntilAsync(() => a.Backend.OwnedPartitions.Count == 2 && b.Backend.OwnedPartitions.Count == 2, "two partitions each");
        Assert.Empty(a.Backend.OwnedPartitions.Intersect(b.Backend.OwnedPartitions));

        var ids = new List<string>();
        for (var i = 0; i < 16; i++)
        {
            ids.Add(await a.Client.ScheduleNewOrchestrationAsync("Test.WaitThenEcho", $"in-{i}-", cancellationToken: TestContext.Current.CancellationToken));
        }

        foreach (var id in ids)
        {
            await a.WaitForStateAsync(id, s => s.RuntimeStatus == OrchestrationRuntimeStatus.Running, "running");
        }

        // Host B dies: no lease release, no message given back.
        await b.Backend.AbandonHostAsync();
        foreach (var id in ids)
        {
            await a.Client.RaiseEventAsync(id, "go", "x", cancellationToken: TestContext.Current.CancellationToken);
        }

        await WaitUntilAsync(() => a.Backend.OwnedPartitions.Count == 4, "host A owning every partition");
        foreach (var (id, i) in ids.Select((id, i) => (id, i)))
        {
            var state = await a.WaitForStateAsync(id, s => s.RuntimeStatus.IsTerminal(), "completion");
            Assert.Equal($"\"in-{i}-x\"", state.Output);
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
