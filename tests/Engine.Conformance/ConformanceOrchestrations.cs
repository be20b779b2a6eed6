using System.Collections.Concurrent;
using Workflows.Engine.Hosting;

namespace Workflows.Engine.Conformance;

/// <summary>The orchestrations and activities the conformance suite runs on every backend.</summary>
public static class ConformanceOrchestrations
{
    /// <summary>Attempts per idempotency key, for the retry tests (keys are unique per instance).</summary>
    public static ConcurrentDictionary<string, int> Attempts { get; } = new();

    /// <summary>Idempotency keys seen by the flaky activity, per instance.</summary>
    public static ConcurrentDictionary<string, ConcurrentBag<string>> KeysSeen { get; } = new();

    /// <summary>Registers everything the suite uses.</summary>
    public static void Register(EngineBuilder engine)
    {
        ArgumentNullException.ThrowIfNull(engine);

        engine.AddActivity<string, string>("Conformance.Hello", name => $"Hello, {name}!");
        engine.AddActivity<int, int>("Conformance.Double", n => n * 2);
        engine.AddActivity<string, string>("Conformance.Echo", s => s);
        engine.AddActivity<string, string>("Conformance.Fail", message => throw new InvalidOperationException(message));
        engine.AddActivity<FlakyInput, string>("Conformance.Flaky", (context, input) =>
        {
            KeysSeen.GetOrAdd(input.Key, _ => []).Add(context.IdempotencyKey);
            var attempt = Attempts.AddOrUpdate(input.Key, 1, (_, n) => n + 1);
            if (attempt < input.SucceedOnAttempt)
            {
                throw new TimeoutException($"Attempt {attempt} failed.");
            }

            return Task.FromResult($"succeeded on attempt {attempt}");
        });

        engine.AddOrchestration<string, string[]>("Conformance.Sequence", async (ctx, name) =>
        [
            await ctx.CallActivityAsync<string>("Conformance.Hello", $"{name} 1"),
            await ctx.CallActivityAsync<string>("Conformance.Hello", $"{name} 2"),
            await ctx.CallActivityAsync<string>("Conformance.Hello", $"{name} 3"),
        ]);

        engine.AddOrchestration<int, int>("Conformance.FanOut", async (ctx, count) =>
        {
            var tasks = Enumerable.Range(1, count).Select(i => ctx.CallActivityAsync<int>("Conformance.Double", i));
            return (await Task.WhenAll(tasks)).Sum();
        });

        engine.AddOrchestration<string, FailureView>("Conformance.CatchFailure", async (ctx, message) =>
        {
            try
            {
                await ctx.CallActivityAsync<string>("Conformance.Fail", message);
                return new FailureView("none", "none", false);
            }
            catch (TaskFailedException ex)
            {
                return new FailureView(ex.FailureDetails.ErrorType, ex.FailureDetails.ErrorMessage, !string.IsNullOrEmpty(ex.FailureDetails.StackTrace));
            }
        });

        engine.AddOrchestration<string, string>("Conformance.Unhandled", (ctx, message) =>
            ctx.CallActivityAsync<string>("Conformance.Fail", message));

        engine.AddOrchestration<FlakyInput, string>("Conformance.Retry", (ctx, input) =>
            ctx.CallActivityAsync<string>(
                "Conformance.Flaky",
                input,
                TaskOptions.WithRetry(new RetryPolicy(input.MaxAttempts, TimeSpan.FromSeconds(10)) { BackoffCoefficient = 2 })));

        engine.AddOrchestration<FlakyInput, string>("Conformance.NoRetry", async (ctx, input) =>
        {
            var first = await ctx.CallActivityAsync<string>("Conformance.Echo", "before");
            return first + ", then " + await ctx.CallActivityAsync<string>("Conformance.Flaky", input);
        });

        engine.AddOrchestration<string, string>("Conformance.Child", async (ctx, input) =>
        {
            if (input == "fail")
            {
                throw new ArgumentException("child failed on purpose");
            }

            if (input == "wait")
            {
                await ctx.WaitForExternalEvent<string>("go");
            }

            return await ctx.CallActivityAsync<string>("Conformance.Hello", input);
        });

        engine.AddOrchestration<ParentInput, string>("Conformance.Parent", async (ctx, input) =>
        {
            try
            {
                return await ctx.CallSubOrchestrationAsync<string>("Conformance.Child", input.ChildInput, new SubOrchestrationOptions { InstanceId = input.ChildInstanceId });
            }
            catch (SubOrchestrationFailedException ex) when (input.CatchFailure)
            {
                return $"caught {ex.FailureDetails.ErrorType}: {ex.FailureDetails.ErrorMessage} from {ex.InstanceId}";
            }
        });

        engine.AddOrchestration<int, string>("Conformance.Timer", async (ctx, days) =>
        {
            var start = ctx.CurrentUtcDateTime;
            await ctx.CreateTimer(TimeSpan.FromDays(days));
            return $"{(ctx.CurrentUtcDateTime - start).TotalDays:0}";
        });

        engine.AddOrchestration<int, string[]>("Conformance.WaitForEvents", async (ctx, count) =>
        {
            var received = new List<string>();
            ctx.SetCustomStatus("waiting");
            for (var i = 0; i < count; i++)
            {
                received.Add(await ctx.WaitForExternalEvent<string>("Approval"));
            }

            return [.. received];
        });

        engine.AddOrchestration<string, string[]>("Conformance.TwoWaiters", async (ctx, _) =>
        {
            var first = ctx.WaitForExternalEvent<string>("decision");
            var second = ctx.WaitForExternalEvent<string>("DECISION");
            ctx.SetCustomStatus("waiting");
            return await Task.WhenAll(first, second);
        });

        engine.AddOrchestration<int, string>("Conformance.EventWithTimeout", async (ctx, hours) =>
        {
            ctx.SetCustomStatus("waiting");
            try
            {
                return "event:" + await ctx.WaitForExternalEvent<string>("Approval", TimeSpan.FromHours(hours));
            }
            catch (TimeoutException)
            {
                ctx.SetCustomStatus("timed-out");
                // The timed-out waiter must not take the next event: this one must.
                return "timeout, then:" + await ctx.WaitForExternalEvent<string>("Approval");
            }
        });

        engine.AddOrchestration<int, string>("Conformance.TimerRace", async (ctx, hours) =>
        {
            using var cts = new CancellationTokenSource();
            var timer = ctx.CreateTimer(TimeSpan.FromHours(hours), cts.Token);
            var approval = ctx.WaitForExternalEvent<string>("Approval");
            ctx.SetCustomStatus("waiting");
            var winner = await Task.WhenAny(timer, approval);
            if (winner == approval)
            {
#pragma warning disable CA1849 // Cancel must run synchronously inside the orchestrator.
                cts.Cancel();
#pragma warning restore CA1849
                ctx.SetCustomStatus("approved");
                await ctx.WaitForExternalEvent<string>("Close");
                return "approved:" + approval.Result;
            }

            return "expired";
        });

        engine.AddOrchestration<int, int>("Conformance.Counter", async (ctx, count) =>
        {
            ctx.SetCustomStatus(count);
            var increment = await ctx.WaitForExternalEvent<int>("add");
            var next = count + increment;
            if (next >= 100)
            {
                return next;
            }

            ctx.ContinueAsNew(next);
            return next;
        });

        engine.AddOrchestration<string, string>("Conformance.CustomStatus", async (ctx, size) =>
        {
            ctx.SetCustomStatus(new { step = "first" });
            await ctx.WaitForExternalEvent<string>("next");
            ctx.SetCustomStatus(new string('x', int.Parse(size, System.Globalization.CultureInfo.InvariantCulture)));
            return "done";
        });

        engine.AddOrchestration<string, GuidView>("Conformance.Guids", async (ctx, _) =>
        {
            var first = ctx.NewGuid();
            var echoed = await ctx.CallActivityAsync<string>("Conformance.Echo", first.ToString());
            var second = ctx.NewGuid();
            return new GuidView(first.ToString() == echoed, first != second, first.ToString());
        });

        engine.AddOrchestration<string, string>("Conformance.NonDurableAwait", async (ctx, _) =>
        {
            await ctx.CallActivityAsync<string>("Conformance.Echo", "before");
            await Task.Delay(TimeSpan.FromMilliseconds(20));
            return "unreachable";
        });

        engine.AddOrchestration<string, string>("Conformance.Changing", async (ctx, _) =>
        {
            await ctx.CallActivityAsync<string>("Conformance.Echo", "A");
            await ctx.WaitForExternalEvent<string>("continue");
            return await ctx.CallActivityAsync<string>("Conformance.Echo", "B");
        });

        engine.AddOrchestration<string, string>("Conformance.Sender", (ctx, target) =>
        {
            ctx.SendEvent(target, "Approval", "from-sender");
            return Task.FromResult("sent");
        });

        engine.AddOrchestration<string, string>("Conformance.ParentWaitingOnChild", async (ctx, childId) =>
            await ctx.CallSubOrchestrationAsync<string>("Conformance.Child", "wait", new SubOrchestrationOptions { InstanceId = childId }));

        engine.AddOrchestration<string, string>("Conformance.Versioned", async (ctx, _) =>
        {
            await ctx.WaitForExternalEvent<string>("go");
            return "v1";
        }, version: "1");
    }
}

/// <summary>Input of the retry test.</summary>
/// <param name="Key">A unique key per test.</param>
/// <param name="SucceedOnAttempt">The attempt that succeeds.</param>
/// <param name="MaxAttempts">The retry policy's attempts.</param>
public sealed record FlakyInput(string Key, int SucceedOnAttempt, int MaxAttempts);

/// <summary>Input of the sub-orchestration tests.</summary>
/// <param name="ChildInput">What the child gets.</param>
/// <param name="ChildInstanceId">An explicit child id, or null.</param>
/// <param name="CatchFailure">Whether the parent catches the child's failure.</param>
public sealed record ParentInput(string ChildInput, string? ChildInstanceId, bool CatchFailure);

/// <summary>What an orchestration saw of a failure.</summary>
/// <param name="ErrorType">The failure's type.</param>
/// <param name="ErrorMessage">The failure's message.</param>
/// <param name="HasStackTrace">Whether a stack trace came along.</param>
public sealed record FailureView(string ErrorType, string ErrorMessage, bool HasStackTrace);

/// <summary>What the GUID test saw.</summary>
/// <param name="StableAcrossReplay">Whether the first GUID was the same after replay.</param>
/// <param name="Distinct">Whether two calls gave two GUIDs.</param>
/// <param name="First">The first GUID.</param>
public sealed record GuidView(bool StableAcrossReplay, bool Distinct, string First);
