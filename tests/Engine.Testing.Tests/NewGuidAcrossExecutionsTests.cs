namespace Workflows.Engine.Testing.Tests;

/// <summary>
/// NewGuid must not repeat across the executions of one instance. On the time-skipping host a
/// continue-as-new happens at the same virtual instant, so a GUID made from the instance id, the time
/// and a counter alone would repeat the previous execution's GUIDs (ids of tasks, sub-orchestrations...).
/// </summary>
public sealed class NewGuidAcrossExecutionsTests
{
    [Fact]
    public async Task NewGuid_AfterContinueAsNewAtTheSameInstant_IsNew()
    {
        await using var host = OrchestrationTestHost.Create(engine => engine.AddOrchestration<string[], string[]>("Guids", (context, seen) =>
        {
            var guid = context.NewGuid().ToString("N");
            if (seen.Length < 3)
            {
                context.ContinueAsNew(seen.Append(guid).ToArray());
                return Task.FromResult(Array.Empty<string>());
            }

            return Task.FromResult(seen.Append(guid).ToArray());
        }));

        var id = await host.StartAsync("Guids", Array.Empty<string>());
        var guids = await host.GetOutputAsync<string[]>(id);

        Assert.Equal(4, guids!.Length);
        Assert.Equal(4, guids.Distinct().Count());
    }
}
