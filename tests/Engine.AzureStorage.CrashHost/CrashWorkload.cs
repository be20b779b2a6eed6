using Workflows.Engine.Hosting;

namespace Workflows.Engine.AzureStorage.CrashHost;

/// <summary>The workload of the crash run: a chain of five activities, each logging its execution.</summary>
public static class CrashWorkload
{
    public const string Orchestration = "Crash.Chain";
    public const int Steps = 5;

    private static readonly Lock LogGate = new();

    /// <summary>Registers the chain; every activity execution appends its idempotency key to <paramref name="logPath"/>.</summary>
    public static void Register(EngineBuilder engine, string? logPath)
    {
        ArgumentNullException.ThrowIfNull(engine);
        engine.AddActivity<int, int>("Crash.Step", (context, n) =>
        {
            if (logPath is not null)
            {
                lock (LogGate)
                {
                    File.AppendAllText(logPath, context.IdempotencyKey + Environment.NewLine);
                }
            }

            return Task.FromResult(n + 1);
        });
        engine.AddOrchestration<int, int>(Orchestration, async (ctx, n) =>
        {
            for (var i = 0; i < Steps; i++)
            {
                n = await ctx.CallActivityAsync<int>("Crash.Step", n);
            }

            return n;
        });
    }

    /// <summary>Storage settings of crash runs: short leases and visibility so recovery is quick.</summary>
    public static void Configure(AzureStorageOptions options, string connectionString, string taskHub, string? hostId)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.ConnectionString = connectionString;
        options.TaskHub = taskHub;
        options.HostId = hostId;
        options.LeaseDuration = TimeSpan.FromSeconds(15);
        options.LeaseRenewInterval = TimeSpan.FromSeconds(5);
        options.LeaseAcquireInterval = TimeSpan.FromSeconds(1);
        options.ControlMessageVisibilityTimeout = TimeSpan.FromSeconds(15);
        options.WorkItemVisibilityTimeout = TimeSpan.FromSeconds(15);
        options.MaxPollingInterval = TimeSpan.FromMilliseconds(500);
    }
}
