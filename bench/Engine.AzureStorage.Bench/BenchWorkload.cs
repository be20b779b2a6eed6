using System.Collections.Concurrent;
using System.Diagnostics;
using Workflows.Engine.Hosting;

namespace Workflows.Engine.AzureStorage.Bench;

/// <summary>The orchestrations the bench runs.</summary>
internal static class BenchWorkload
{
    public const string Chain = "Bench.Chain";
    public const string Latency = "Bench.Latency";

    /// <summary>Stopwatch timestamps at which the marker activity started, by key.</summary>
    public static ConcurrentDictionary<string, TaskCompletionSource<long>> Marks { get; } = new(StringComparer.Ordinal);

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
