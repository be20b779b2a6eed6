using Azure.Core;
using Azure.Core.Pipeline;
using Microsoft.Extensions.DependencyInjection;
using Workflows.Engine.Client;
using Workflows.Engine.Hosting;
using Workflows.Testing.Azurite;

namespace Workflows.Engine.AzureStorage.Tests;

/// <summary>Queries read index rows, never every instance.</summary>
public sealed class QueryScaleTests(AzuriteFixture azurite)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Query_by_tag_among_10000_instances_pages_newest_first_without_scanning()
    {
        var counter = new CountingPolicy();
        var services = new ServiceCollection();
        services.AddLogging();
        var clock = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(DateTimeOffset.UtcNow);
        services.AddSingleton<TimeProvider>(clock);
        services.AddOrchestrationEngine(e => RegisterBulk(e).UseAzureStorage(o =>
        {
            o.ConnectionString = azurite.ConnectionString;
            o.TaskHub = AzureStorageHarness.NewTaskHub();
            o.ConfigureClientOptions = options => options.AddPolicy(counter, HttpPipelinePosition.PerCall);
        }));
        await using var provider = services.BuildServiceProvider();
        var client = provider.GetRequiredService<OrchestrationClient>();

        using var throttle = new SemaphoreSlim(48);
        await Task.WhenAll(Enumerable.Range(0, 10_000).Select(async i =>
        {
            await throttle.WaitAsync(Ct);
            try
            {
                var tags = new Dictionary<string, string> { ["case"] = $"case-{i % 100}" };
                await client.ScheduleNewOrchestrationAsync($"Test.Bulk{i % Names}", "x", new StartOrchestrationOptions { InstanceId = $"q-{i:D5}", Tags = tags }, Ct);
            }
            finally
            {
                throttle.Release();
            }
        }));

        counter.Reset();
        var seen = new List<OrchestrationState>();
        string? token = null;
        do
        {
            var page = await client.QueryInstancesAsync(new InstanceQuery { Tags = new Dictionary<string, string> { ["case"] = "case-7" }, PageSize = 30, ContinuationToken = token }, Ct);
            Assert.True(page.Instances.Count <= 30);
            seen.AddRange(page.Instances);
            token = page.ContinuationToken;
        }
        while (token is not null);

        Assert.Equal(100, seen.Count);
        Assert.Equal(100, seen.Select(s => s.InstanceId).Distinct().Count());
        Assert.All(seen, s => Assert.Equal("case-7", s.Tags["case"]));
        Assert.True(counter.Requests < 400, $"The query made {counter.Requests} storage requests for 100 of 10 000 instances.");

        counter.Reset();
        var first = await client.QueryInstancesAsync(new InstanceQuery { Name = "test.bulk3", Tags = new Dictionary<string, string> { ["case"] = "case-3" }, RuntimeStatus = [OrchestrationRuntimeStatus.Pending], PageSize = 50 }, Ct);
        Assert.Equal(50, first.Instances.Count);
        Assert.NotNull(first.ContinuationToken);
        Assert.All(first.Instances, s => Assert.Equal(("Test.Bulk3", "case-3"), (s.Name, s.Tags["case"])));
        Assert.True(first.Instances.Zip(first.Instances.Skip(1)).All(p => p.First.CreatedAt >= p.Second.CreatedAt), "Newest first.");
        Assert.True(counter.Requests < 200, $"A page of 50 took {counter.Requests} storage requests.");
    }

    // Azurite filters table queries by scanning, so thousands of rows in one index partition make
    // seeding quadratic on the emulator (not on Azure): the instances are spread over several names.
    private const int Names = 50;

    private static EngineBuilder RegisterBulk(EngineBuilder engine)
    {
        for (var n = 0; n < Names; n++)
        {
            engine.AddOrchestration<string, string>($"Test.Bulk{n}", (_, input) => Task.FromResult(input));
        }

        return engine;
    }

    private sealed class CountingPolicy : HttpPipelineSynchronousPolicy
    {
        private int _requests;

        public int Requests => Volatile.Read(ref _requests);

        public void Reset() => Interlocked.Exchange(ref _requests, 0);

        public override void OnSendingRequest(HttpMessage message) => Interlocked.Increment(ref _requests);
    }
}
