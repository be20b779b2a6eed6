using System.Collections.Concurrent;
using System.Diagnostics;
using Workflows.Engine.Hosting;

namespace Workflows.Engine.AzureStorage.Bench;

/// <summary>The orchestrations the bench runs.</summary>
internal static class BenchWorkload
{
    public const string Chain = "Bench.Chain";
    public const string Latency = "Bench.Latency";
    public const string Timer = "Bench.Timer";

    /// <summary>Stopwatch timestamps at which the marker activity started, by key.</summary>
    public static ConcurrentDictionary<string, TaskCompletionSource<long>> Marks { get; } = new(StringComparer.Ordinal);

    /// <summary>Wall-clock times at which the activity after a timer started, by instance id.</summary>
    public static ConcurrentDictionary<string, TaskCompletionSource<DateTimeOffset>> TimerMarks { get; } = new(StringComparer.Ordinal);

    public static void Register(EngineBuilder engine)
    {
        engine.AddActivity<int, int>("Bench.Step", n => n + 1);
        engine.AddActivity<string, string>("Bench.Mark", key =>
        {
            if (Marks.TryGetValue(key, out var mark))
            {
                mark.TrySetResult(Stopwatch.GetTimestamp());
            }

            return key;
        });
        engine.AddActivity<string, string>("Bench.TimerMark", instanceId =>
        {
            if (TimerMarks.TryGetValue(instanceId, out var mark))
            {
                mark.TrySetResult(DateTimeOffset.UtcNow);
            }

            return instanceId;
        });
        engine.AddOrchestration<DateTimeOffset, string>(Timer, async (ctx, due) =>
        {
            await ctx.CreateTimer(due);
            return await ctx.CallActivityAsync<string>("Bench.TimerMark", ctx.InstanceId);
        });
        engine.AddOrchestration<int, int>(Chain, async (ctx, n) =>
        {
            for (var i = 0; i < 5; i++)
            {
                n = await ctx.CallActivityAsync<int>("Bench.Step", n);
            }

            return n;
        });
        engine.AddOrchestration<int, int>(Latency, async (ctx, rounds) =>
        {
            for (var i = 0; i < rounds; i++)
            {
                var key = await ctx.WaitForExternalEvent<string>("go");
                await ctx.CallActivityAsync<string>("Bench.Mark", key);
            }

            return rounds;
        });
    }
}
