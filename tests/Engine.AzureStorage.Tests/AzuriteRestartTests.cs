using System.Globalization;
using Workflows.Testing.Azurite;

namespace Workflows.Engine.AzureStorage.Tests;

/// <summary>The storage emulator dies and comes back (data kept on disk): hosts recover by themselves.</summary>
public sealed class AzuriteRestartTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Work_in_flight_when_storage_dies_completes_after_it_restarts()
    {
        var location = Path.Combine(Path.GetTempPath(), "azurite-restart-" + Guid.NewGuid().ToString("N"));
        await using var azurite = await AzuriteProcess.StartAsync(location, Ct);
        try
        {
            var gate = new ActivityGate();
            await using var h = await AzureStorageHarness.StartAsync(azurite.ConnectionString, gate.Register);
            var waiting = new List<string>();
            for (var i = 0; i < 10; i++)
            {
                waiting.Add(await h.Client.ScheduleNewOrchestrationAsync("Test.WaitThenEcho", $"w{i}-", cancellationToken: Ct));
            }

            foreach (var id in waiting)
            {
                await h.WaitForStateAsync(id, s => s.RuntimeStatus == OrchestrationRuntimeStatus.Running, "running");
            }

            // Chains started last, each held at its gated step: activities running and their work-item
            // messages held invisible (renewed) by this host when storage dies.
            var chains = new List<string>();
            for (var i = 0; i < 10; i++)
            {
                chains.Add(await h.Client.ScheduleNewOrchestrationAsync("Test.GatedChain", i, cancellationToken: Ct));
            }

            await MultiHostTests.WaitUntilAsync(() => gate.Waiting == chains.Count, $"{chains.Count} gated activities in flight ({gate.Waiting} so far)");

            // Azurite saves its queue and table metadata to disk every few seconds (LokiJS autosave): there
            // is no signal to wait on, and losing what the emulator had not saved is not what this test is
            // about (Azure Storage keeps every acknowledged write).
            await Task.Delay(TimeSpan.FromSeconds(6), Ct);
            Assert.Equal(chains.Count, gate.Waiting);
            await azurite.KillAsync();
            await azurite.RestartAsync(Ct);
            gate.Open();

            foreach (var (id, i) in chains.Select((id, i) => (id, i)))
            {
                var state = await h.WaitForStateAsync(id, s => s.RuntimeStatus.IsTerminal(), "completed");
                Assert.Equal(OrchestrationRuntimeStatus.Completed, state.RuntimeStatus);
                Assert.Equal((i + 2).ToString(CultureInfo.InvariantCulture), state.Output);
            }

            foreach (var id in waiting)
            {
                await h.Client.RaiseEventAsync(id, "go", "ok", cancellationToken: Ct);
            }

            foreach (var (id, i) in waiting.Select((id, i) => (id, i)))
            {
                Assert.Equal($"\"w{i}-ok\"", (await h.WaitForStateAsync(id, s => s.RuntimeStatus.IsTerminal(), "completed")).Output);
            }
        }
        finally
        {
            await azurite.KillAsync();
            Directory.Delete(location, recursive: true);
        }
    }
}
