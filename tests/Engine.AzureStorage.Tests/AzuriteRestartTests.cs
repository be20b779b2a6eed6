using Workflows.Testing.Azurite;

namespace Workflows.Engine.AzureStorage.Tests;

/// <summary>The storage emulator dies and comes back (data kept on disk): hosts recover by themselves.</summary>
public sealed class AzuriteRestartTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Hosts_recover_without_manual_action_after_storage_restarts_mid_run()
    {
        var location = Path.Combine(Path.GetTempPath(), "azurite-restart-" + Guid.NewGuid().ToString("N"));
        await using var azurite = await AzuriteProcess.StartAsync(location, Ct);
        try
        {
            await using var h = await AzureStorageHarness.StartAsync(azurite.ConnectionString, TestOrchestrations.Register);
            var waiting = new List<string>();
            var chains = new List<string>();
            for (var i = 0; i < 10; i++)
            {
                waiting.Add(await h.Client.ScheduleNewOrchestrationAsync("Test.WaitThenEcho", $"w{i}-", cancellationToken: Ct));
                chains.Add(await h.Client.ScheduleNewOrchestrationAsync("Test.Chain", i, cancellationToken: Ct));
            }

            await h.WaitForStateAsync(waiting[^1], s => s.RuntimeStatus == OrchestrationRuntimeStatus.Running, "running");

            // Azurite saves its table and queue metadata to disk every few seconds (LokiJS autosave):
            // there is no signal to wait on, and losing unsaved emulator data is not what this test is about.
            await Task.Delay(TimeSpan.FromSeconds(6), Ct);
            await azurite.KillAsync();
            await azurite.RestartAsync(Ct);

            foreach (var id in waiting)
            {
                await h.WaitForStateAsync(id, s => s.RuntimeStatus == OrchestrationRuntimeStatus.Running, "running");
                await h.Client.RaiseEventAsync(id, "go", "ok", cancellationToken: Ct);
            }

            foreach (var (id, i) in waiting.Select((id, i) => (id, i)))
            {
                Assert.Equal($"\"w{i}-ok\"", (await h.WaitForStateAsync(id, s => s.RuntimeStatus.IsTerminal(), "completed")).Output);
            }

            foreach (var (id, i) in chains.Select((id, i) => (id, i)))
            {
                Assert.Equal((i + 3).ToString(System.Globalization.CultureInfo.InvariantCulture), (await h.WaitForStateAsync(id, s => s.RuntimeStatus.IsTerminal(), "completed")).Output);
            }
        }
        finally
        {
            await azurite.KillAsync();
            Directory.Delete(location, recursive: true);
        }
    }
}
