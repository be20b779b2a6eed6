using Workflows.Engine.AzureStorage.CrashHost;
using Workflows.Testing.Azurite;

namespace Workflows.Engine.AzureStorage.Tests;

/// <summary>
/// A worker process killed with SIGKILL at random points of progress, each restart under a new host
/// id: the 500 orchestrations and 5 kills (about a minute and a half). WORKFLOWS_CRASH_REDUCED=1
/// runs 100 x 3 instead, for a quicker check while iterating.
/// </summary>
[Collection(nameof(RunsAlone))]
public sealed class CrashTests
{
    private const string ReducedRunVariable = "WORKFLOWS_CRASH_REDUCED";

    [Fact]
    public async Task Every_orchestration_completes_with_a_valid_history_across_process_kills()
    {
        var reduced = Environment.GetEnvironmentVariable(ReducedRunVariable) == "1";
        var (orchestrations, kills, timeout) = reduced ? (100, 3, TimeSpan.FromMinutes(4)) : (500, 5, TimeSpan.FromMinutes(10));

        // Its own emulator, so that the kills and restarts are measured against this run's load only.
        await using var azurite = await AzuriteProcess.StartAsync(cancellationToken: TestContext.Current.CancellationToken);
        var lines = new List<string>();
        var report = await CrashRun.RunAsync(azurite.ConnectionString, orchestrations, kills, timeout, lines.Add, TestContext.Current.CancellationToken);
        TestContext.Current.SendDiagnosticMessage($"crash run: {report}");
        File.WriteAllText(Path.Combine(AppContext.BaseDirectory, "crash-report.txt"), report.ToString());
        var details = $"{report}{Environment.NewLine}{string.Join(Environment.NewLine, lines)}";

        Assert.Equal(kills, report.Kills);
        Assert.True(report.EveryKillDuringTheRun, $"A kill missed a running worker or came after every orchestration had finished: {details}");
        Assert.True(report.Orchestrations == report.Completed, details);
        Assert.Equal(0, report.InvalidHistories);
        Assert.True(report.ActivityExecutions >= report.Orchestrations * CrashWorkload.Steps, details);
    }
}
