using Workflows.Engine.Client;
using Workflows.Engine.Conformance;
using Workflows.Engine.History;
using Workflows.Engine.Hosting;

namespace Workflows.Engine.Testing.Tests;

/// <summary>Runs the conformance suite on the time-skipping host: waits are "run until idle, then check".</summary>
internal sealed class InMemoryHarness(OrchestrationTestHost host) : IConformanceHarness
{
    public OrchestrationClient Client => host.Client;

    public OrchestrationRegistry Registry => host.Registry;

    public DateTimeOffset UtcNow => host.UtcNow;

    public Task AdvanceAsync(TimeSpan by) => host.AdvanceAsync(by);

    public async Task<OrchestrationState> WaitForStateAsync(string instanceId, Func<OrchestrationState, bool> condition, string description)
    {
        await host.RunUntilIdleAsync();
        var state = await host.Client.GetInstanceAsync(instanceId, getInputsAndOutputs: true);
        Assert.True(state is not null && condition(state), $"Instance {instanceId} did not reach {description}; it is {state?.RuntimeStatus.ToString() ?? "missing"} (custom status {state?.CustomStatus}, failure {state?.FailureDetails}).");
        return state!;
    }

    public async Task<IReadOnlyList<HistoryEvent>> WaitForHistoryAsync(string instanceId, Func<IReadOnlyList<HistoryEvent>, bool> condition, string description)
    {
        await host.RunUntilIdleAsync();
        var history = await host.GetHistoryAsync(instanceId);
        Assert.True(condition(history), $"Instance {instanceId} did not reach {description}.");
        return history;
    }

    public Task SettleAsync() => host.RunUntilIdleAsync();

    public ValueTask DisposeAsync() => host.DisposeAsync();
}
