using Workflows.Engine.AzureStorage;
using Workflows.Engine.Hosting;

namespace Workflows.Functions.Hosting;

/// <summary>
/// The scale-to-zero wake-up job's command (<c>--release-due-timers</c>): moves due timers into their control
/// queues, where the queue scale rule sees them and starts a replica, then exits. It needs only the engine's
/// storage settings and identity — no web server, no sign-in, no domain — so it works before the Entra ID
/// app registration exists and whatever else the app's settings lack.
/// </summary>
public static class DueTimerRelease
{
    /// <summary>The command-line switch the Container Apps job passes.</summary>
    public const string Switch = "--release-due-timers";

    /// <summary>Releases the due timers and writes how many; returns the process exit code.</summary>
    public static async Task<int> RunAsync(IConfiguration configuration, TextWriter output, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(output);
        var services = new ServiceCollection();
        services.AddLogging(logging => logging.AddConsole());
        services.AddSingleton(TimeProvider.System);
        services.AddOrchestrationEngine(engine => engine.UseWorkflowsStorage(configuration));
        await using var provider = services.BuildServiceProvider();
        var moved = await provider.GetRequiredService<AzureStorageOrchestrationBackend>().ReleaseDueTimersAsync(cancellationToken).ConfigureAwait(false);
        await output.WriteLineAsync($"Released {moved} due timer(s).").ConfigureAwait(false);
        return 0;
    }
}
