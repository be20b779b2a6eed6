using Workflows.Engine.Client;
using Workflows.Engine.Hosting;

namespace Workflows.Engine.Conformance;

/// <summary>
/// What the conformance suite needs from a backend under test: a client, a clock it can move, and a
/// way to wait until an instance reaches a condition. A harness hosts the engine (worker + backend)
/// with the orchestrations the suite registered.
/// </summary>
public interface IConformanceHarness : IAsyncDisposable
{
    /// <summary>The client over the backend under test.</summary>
    OrchestrationClient Client { get; }

    /// <summary>The registry of the running worker (tests change registrations to simulate deployments).</summary>
    OrchestrationRegistry Registry { get; }

    /// <summary>The engine's current time.</summary>
    DateTimeOffset UtcNow { get; }

    /// <summary>Moves the engine's clock forward; timers due by then fire.</summary>
    Task AdvanceAsync(TimeSpan by);

    /// <summary>
    /// Waits until the instance's status (with inputs and outputs) satisfies the condition and
    /// returns it; fails the test with the last status seen when it does not happen.
    /// </summary>
    Task<OrchestrationState> WaitForStateAsync(string instanceId, Func<OrchestrationState, bool> condition, string description);

    /// <summary>Waits until the instance's history satisfies the condition and returns it.</summary>
    Task<IReadOnlyList<History.HistoryEvent>> WaitForHistoryAsync(string instanceId, Func<IReadOnlyList<History.HistoryEvent>, bool> condition, string description);

    /// <summary>
    /// Lets the engine process everything that is ready now (for harnesses that run work on demand);
    /// harnesses with background workers wait a moment for in-flight work.
    /// </summary>
    Task SettleAsync();
}
