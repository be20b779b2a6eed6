using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Workflows.Engine.Client;
using Workflows.Engine.History;
using Workflows.Engine.Hosting;

namespace Workflows.Engine.AzureStorage.CrashHost;

/// <summary>What a crash run found.</summary>
/// <param name="Orchestrations">Instances started.</param>
/// <param name="Completed">Instances that completed with the right output.</param>
/// <param name="InvalidHistories">Instances whose history is not a clean chain.</param>
/// <param name="ActivityExecutions">Activity executions logged.</param>
/// <param name="DuplicateExecutions">Executions beyond one per task.</param>
/// <param name="Kills">SIGKILLs delivered.</param>
/// <param name="Elapsed">Wall time of the run.</param>
/// <param name="FinishedAtKills">How many instances had finished at each kill (shows the kills fell during the run).</param>
/// <param name="LiveAtKills">Kills that hit a worker process still running (not one that had already exited).</param>
public sealed record CrashReport(int Orchestrations, int Completed, int InvalidHistories, int ActivityExecutions, int DuplicateExecutions, int Kills, TimeSpan Elapsed, IReadOnlyList<int> FinishedAtKills, int LiveAtKills)
{
    /// <summary>True when every kill hit a running worker before every orchestration had finished.</summary>
    public bool EveryKillDuringTheRun => LiveAtKills == Kills && FinishedAtKills.Count == Kills && FinishedAtKills.All(f => f < Orchestrations);

    public override string ToString() =>
        $"{Orchestrations} orchestrations, {Kills} kills ({LiveAtKills} of a running worker; finished at each: {string.Join(", ", FinishedAtKills)}), {Completed} completed, " +
        $"{InvalidHistories} invalid histories, {ActivityExecutions} activity executions, {DuplicateExecutions} beyond one per task, {Elapsed.TotalSeconds:F0} s";
}

/// <summary>
/// Starts orchestrations, runs a worker process, kills it with SIGKILL at random moments, restarts
/// it, and checks at the end that every instance completed with a valid history. Every restarted
/// worker has a new host id (a new machine, as after a crash in Azure), so it gets the dead worker's
/// partitions only when their leases expire and its held messages only when their visibility runs out.
/// </summary>
public static class CrashRun
{
    public static async Task<CrashReport> RunAsync(
        string connectionString,
        int orchestrations,
        int kills,
        TimeSpan timeout,
        Action<string>? log = null,
        CancellationToken cancellationToken = default)
    {
        var hub = "crash" + Guid.NewGuid().ToString("N")[..12];
        var logPath = Path.Combine(Path.GetTempPath(), hub + ".log");
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddOrchestrationEngine(engine =>
        {
            CrashWorkload.Register(engine, null);
            engine.UseAzureStorage(o => CrashWorkload.Configure(o, connectionString, hub, "crash-client"));
        });
        await using var provider = services.BuildServiceProvider();
        var client = provider.GetRequiredService<OrchestrationClient>();
        var clock = Stopwatch.StartNew();
        var ids = new List<string>();
        for (var i = 0; i < orchestrations; i++)
        {
            ids.Add(await client.ScheduleNewOrchestrationAsync(CrashWorkload.Orchestration, i, cancellationToken: cancellationToken).ConfigureAwait(false));
        }

        // Kill points are random amounts of progress (distinct activity executions logged), not random delays:
        // a fast machine finished a whole run before a time-based first kill, which then tested nothing.
        var random = new Random();
        var work = orchestrations * CrashWorkload.Steps;
        var killAt = Enumerable.Range(0, kills).Select(_ => random.Next(Math.Max(1, work / 20), Math.Max(2, work * 4 / 5))).Order().ToArray();
        var delivered = 0;
        var liveAtKills = 0;
        var finishedAtKills = new List<int>();
        Process? worker = null;
        try
        {
            for (var k = 0; k < kills; k++)
            {
                worker = StartWorker(connectionString, hub, $"crash-worker-{k}", logPath);
                await UntilExecutedAsync(logPath, killAt[k], timeout, cancellationToken).ConfigureAwait(false);
                liveAtKills += worker.HasExited ? 0 : 1;
                worker.Kill(entireProcessTree: true);
                await worker.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
                worker.Dispose();
                worker = null;
                delivered++;
                finishedAtKills.Add(await CountFinishedAsync(client, ids, cancellationToken).ConfigureAwait(false));
                log?.Invoke($"kill {delivered}: {finishedAtKills[^1]}/{orchestrations} finished");
            }

            worker = StartWorker(connectionString, hub, $"crash-worker-{kills}", logPath);
            var deadline = DateTime.UtcNow + timeout;
            while (await CountFinishedAsync(client, ids, cancellationToken).ConfigureAwait(false) < orchestrations && DateTime.UtcNow < deadline)
            {
                await Task.Delay(500, cancellationToken).ConfigureAwait(false);
            }
        }
        finally
        {
            if (worker is not null)
            {
                worker.Kill(entireProcessTree: true);
                await worker.WaitForExitAsync(CancellationToken.None).ConfigureAwait(false);
                worker.Dispose();
            }
        }

        var completed = 0;
        var invalid = 0;
        foreach (var id in ids)
        {
            var state = await client.GetInstanceAsync(id, true, cancellationToken).ConfigureAwait(false);
            var history = await client.GetHistoryAsync(id, cancellationToken).ConfigureAwait(false);
            var input = client.Converter.Deserialize<int>(state?.Input);
            if (state?.RuntimeStatus == OrchestrationRuntimeStatus.Completed && client.Converter.Deserialize<int>(state.Output) == input + CrashWorkload.Steps)
            {
                completed++;
            }

            if (!IsValidChain(history))
            {
                invalid++;
            }
        }

        var lines = File.Exists(logPath) ? await File.ReadAllLinesAsync(logPath, cancellationToken).ConfigureAwait(false) : [];
        File.Delete(logPath);
        if (completed < orchestrations && File.Exists(logPath + ".out"))
        {
            log?.Invoke("worker output: " + string.Join(Environment.NewLine, File.ReadLines(logPath + ".out").TakeLast(30)));
        }

        File.Delete(logPath + ".out");
        var executions = lines.Where(l => l.Length > 0).ToList();
        var duplicates = executions.GroupBy(l => l, StringComparer.Ordinal).Sum(g => g.Count() - 1);
        return new CrashReport(orchestrations, completed, invalid, executions.Count, duplicates, delivered, clock.Elapsed, finishedAtKills, liveAtKills);
    }

    /// <summary>OrchestratorStarted, ExecutionStarted, then each step scheduled and completed exactly once, then Completed.</summary>
    public static bool IsValidChain(IReadOnlyList<HistoryEvent> history)
    {
        if (history.Count < 3 || history[0] is not OrchestratorStartedEvent || history[1] is not ExecutionStartedEvent
            || history[^1] is not ExecutionCompletedEvent { Status: OrchestrationRuntimeStatus.Completed })
        {
            return false;
        }

        var scheduled = history.OfType<TaskScheduledEvent>().Select(e => e.EventId).ToList();
        var completed = history.OfType<TaskCompletedEvent>().Select(e => e.TaskScheduledId).ToList();
        return history.OfType<ExecutionStartedEvent>().Count() == 1
            && history.OfType<ExecutionCompletedEvent>().Count() == 1
            && scheduled.SequenceEqual(Enumerable.Range(0, CrashWorkload.Steps))
            && completed.SequenceEqual(Enumerable.Range(0, CrashWorkload.Steps));
    }

    /// <summary>Waits until <paramref name="target"/> distinct activity executions are logged (or the timeout passes: the kill then comes anyway).</summary>
    private static async Task UntilExecutedAsync(string logPath, int target, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline && DistinctExecutions(logPath) < target)
        {
            await Task.Delay(20, cancellationToken).ConfigureAwait(false);
        }
    }

    private static int DistinctExecutions(string logPath)
    {
        try
        {
            using var stream = new FileStream(logPath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            using var reader = new StreamReader(stream);
            var keys = new HashSet<string>(StringComparer.Ordinal);
            while (reader.ReadLine() is { } line)
            {
                keys.Add(line);
            }

            return keys.Count;
        }
        catch (IOException)
        {
            return 0;
        }
    }

    private static async Task<int> CountFinishedAsync(OrchestrationClient client, IReadOnlyList<string> ids, CancellationToken cancellationToken)
    {
        var finished = 0;
        foreach (var chunk in ids.Chunk(32))
        {
            var states = await Task.WhenAll(chunk.Select(id => client.GetInstanceAsync(id, false, cancellationToken))).ConfigureAwait(false);
            finished += states.Count(s => s is not null && s.RuntimeStatus.IsTerminal());
        }

        return finished;
    }

    private static void Append(string path, string? line)
    {
        if (line is not null)
        {
            lock (OutputGate)
            {
                File.AppendAllText(path, line + Environment.NewLine);
            }
        }
    }

    private static readonly Lock OutputGate = new();

    private static Process StartWorker(string connectionString, string hub, string hostId, string logPath)
    {
        var dll = Path.Combine(AppContext.BaseDirectory, "Workflows.Engine.AzureStorage.CrashHost.dll");
        var start = new ProcessStartInfo("dotnet") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[] { dll, connectionString, hub, hostId, logPath })
        {
            start.ArgumentList.Add(argument);
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start the crash host.");
        var output = logPath + ".out";
        process.OutputDataReceived += (_, e) => Append(output, e.Data);
        process.ErrorDataReceived += (_, e) => Append(output, e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }
}
