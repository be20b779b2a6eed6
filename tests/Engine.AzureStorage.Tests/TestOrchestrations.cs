using System.Collections.Concurrent;
using System.Globalization;
using Workflows.Engine.Hosting;

namespace Workflows.Engine.AzureStorage.Tests;

/// <summary>Small orchestrations for the backend's own tests.</summary>
internal static class TestOrchestrations
{
    public static ConcurrentDictionary<string, int> Executions { get; } = new();

    public static void Register(EngineBuilder engine)
    {
        engine.AddActivity<int, int>("Test.Increment", n => n + 1);
        engine.AddActivity<string, string>("Test.Echo", s => s);
        engine.AddActivity<string, string>("Test.Count", (context, s) =>
        {
            Executions.AddOrUpdate(context.IdempotencyKey, 1, (_, n) => n + 1);
            return Task.FromResult(s);
        });
        engine.AddOrchestration<int, int>("Test.Chain", async (ctx, n) =>
        {
            for (var i = 0; i < 3; i++)
            {
                n = await ctx.CallActivityAsync<int>("Test.Increment", n);
            }

            return n;
        });
        engine.AddOrchestration<string, string>("Test.WaitThenEcho", async (ctx, input) =>
        {
            var value = await ctx.WaitForExternalEvent<string>("go");
            return await ctx.CallActivityAsync<string>("Test.Echo", input + value);
        });
        engine.AddOrchestration<string, string>("Test.Echo", (ctx, input) => ctx.CallActivityAsync<string>("Test.Echo", input));
        engine.AddOrchestration<string, string>("Test.Once", (ctx, input) => ctx.CallActivityAsync<string>("Test.Count", input));
        engine.AddOrchestration<int, int>("Test.Sleep", async (ctx, days) =>
        {
            await ctx.CreateTimer(TimeSpan.FromDays(days));
            return days;
        });

        // The orchestrations below call "Test.Gate", which each host registers itself (ActivityGate).
        engine.AddOrchestration<string, string>("Test.GatedEcho", (ctx, input) => ctx.CallActivityAsync<string>("Test.Gate", input));
        engine.AddOrchestration<int, int>("Test.GatedChain", async (ctx, n) =>
        {
            n = await ctx.CallActivityAsync<int>("Test.Increment", n);
            var passed = await ctx.CallActivityAsync<string>("Test.Gate", n.ToString(CultureInfo.InvariantCulture));
            return await ctx.CallActivityAsync<int>("Test.Increment", int.Parse(passed, CultureInfo.InvariantCulture));
        });
        engine.AddOrchestration<string, string>("Test.WaitThenGate", async (ctx, input) =>
        {
            var value = await ctx.WaitForExternalEvent<string>("go");
            return await ctx.CallActivityAsync<string>("Test.Gate", input + value);
        });

        // One history row per episode: a long chain, then a wait (so a cold host can replay it all).
        engine.AddOrchestration<int, int>("Test.LongChain", async (ctx, steps) =>
        {
            var n = 0;
            for (var i = 0; i < steps; i++)
            {
                n = await ctx.CallActivityAsync<int>("Test.Increment", n);
            }

            ctx.SetCustomStatus("waiting");
            await ctx.WaitForExternalEvent<string>("go");
            return n;
        });
    }
}
