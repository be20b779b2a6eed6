using System.Diagnostics;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Workflows.Engine.Diagnostics;
using Workflows.Engine.Testing;

namespace Workflows.Engine.Tests;

[Collection(nameof(TelemetryTests))]
[CollectionDefinition(nameof(TelemetryTests), DisableParallelization = true)]
public sealed class TelemetryTests
{
    private const string SecretInput = "Prisoner named Example Person, born 1990";

    private static OrchestrationTestHost CreateHost(List<string> lines) => OrchestrationTestHost.Create(
        engine => engine
            .AddActivity<string, string>("Process", s => s.ToUpperInvariant())
            .AddActivity<string, string>("Explode", s => throw new InvalidOperationException("failed for a reason"))
            .AddOrchestration<string, string>("Sensitive", async (ctx, input) =>
            {
                var result = await ctx.CallActivityAsync<string>("Process", input);
                try
                {
                    await ctx.CallActivityAsync<string>("Explode", input);
                }
                catch (TaskFailedException)
                {
                }

                return result;
            }),
        services => services.AddLogging(logging => logging.AddProvider(new ListLoggerProvider(lines)).SetMinimumLevel(LogLevel.Trace)));

    [Fact]
    public async Task Logs_carry_instance_ids_and_never_payloads()
    {
        var lines = new List<string>();
        await using var host = CreateHost(lines);
        var id = await host.StartAsync("Sensitive", SecretInput);

        Assert.Contains(lines, l => l.Contains(id, StringComparison.Ordinal));
        Assert.DoesNotContain(lines, l => l.Contains("Example Person", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task Spans_are_emitted_for_episodes_and_activities_without_payloads()
    {
        var spans = new List<Activity>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == EngineTelemetry.Name,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = spans.Add,
        };
        ActivitySource.AddActivityListener(listener);
        await using var host = CreateHost([]);
        var id = await host.StartAsync("Sensitive", SecretInput);

        Assert.Contains(spans, s => s.DisplayName == "orchestration episode" && (string?)s.GetTagItem("workflows.instance_id") == id);
        Assert.Contains(spans, s => s.DisplayName == "activity Process");
        Assert.DoesNotContain(spans.SelectMany(s => s.TagObjects), t => t.Value?.ToString()?.Contains("Example Person", StringComparison.Ordinal) == true);
    }

    [Fact]
    public async Task Metrics_count_episodes_and_activities()
    {
        var measurements = new Dictionary<string, long>();
        using var listener = new MeterListener
        {
            InstrumentPublished = (instrument, l) =>
            {
                if (instrument.Meter.Name == EngineTelemetry.Name)
                {
                    l.EnableMeasurementEvents(instrument);
                }
            },
        };
        listener.SetMeasurementEventCallback<long>((instrument, value, _, _) =>
        {
            lock (measurements)
            {
                measurements[instrument.Name] = measurements.GetValueOrDefault(instrument.Name) + value;
            }
        });
        listener.Start();
        await using var host = CreateHost([]);
        await host.StartAsync("Sensitive", SecretInput);

        Assert.True(measurements.GetValueOrDefault("workflows.engine.episodes") >= 3);
        Assert.True(measurements.GetValueOrDefault("workflows.engine.activities") >= 2);
    }
}
