using Azure.Core;
using Microsoft.Extensions.DependencyInjection;
using Workflows.Engine.Client;
using Workflows.Engine.Hosting;
using Workflows.Testing.Azurite;

namespace Workflows.Engine.AzureStorage.Tests;

/// <summary>
/// Queries read index rows, never every instance. On its own emulator: Azurite serves all three
/// services from one event loop and filters the account's queue messages on every queue operation,
/// so 10 000 unprocessed start messages would slow every other test sharing it.
/// </summary>
public sealed class QueryScaleTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Query_by_tag_among_10000_instances_pages_newest_first_reading_index_partitions_only()
    {
        await using var azurite = await AzuriteProcess.StartAsync(cancellationToken: Ct);
        var hub = AzureStorageHarness.NewTaskHub();
        var recorder = new TableReadRecorder { TaskHub = hub };
        var services = new ServiceCollection();
        services.AddLogging();
        var clock = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(DateTimeOffset.UtcNow);
        services.AddSingleton<TimeProvider>(clock);
        services.AddOrchestrationEngine(e => RegisterBulk(e).UseAzureStorage(o =>
        {
            o.ConnectionString = azurite.ConnectionString;
            o.TaskHub = hub;
            o.ConfigureClientOptions = options => options.AddPolicy(recorder, HttpPipelinePosition.PerCall);
        }));
        await using var provider = services.BuildServiceProvider();
        await SeedAndQueryAsync(provider.GetRequiredService<OrchestrationClient>(), recorder, hub);
    }

    private static async Task SeedAndQueryAsync(OrchestrationClient client, TableReadRecorder recorder, string hub)
    {
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

        recorder.Reset();
        var seen = new List<OrchestrationState>();
        string? token = null;
        var pages = 0;
        do
        {
            var page = await client.QueryInstancesAsync(new InstanceQuery { Tags = new Dictionary<string, string> { ["case"] = "case-7" }, PageSize = 30, ContinuationToken = token }, Ct);
            Assert.True(page.Instances.Count <= 30);
            seen.AddRange(page.Instances);
            token = page.ContinuationToken;
            pages++;
        }
        while (token is not null);

        Assert.Equal(100, seen.Count);
        Assert.Equal(100, seen.Select(s => s.InstanceId).Distinct().Count());
        Assert.All(seen, s => Assert.Equal("case-7", s.Tags["case"]));
        AssertNoScan(recorder, hub, pages, pageSize: 30);

        recorder.Reset();
        var first = await client.QueryInstancesAsync(new InstanceQuery { Name = "test.bulk3", Tags = new Dictionary<string, string> { ["case"] = "case-3" }, RuntimeStatus = [OrchestrationRuntimeStatus.Pending], PageSize = 50 }, Ct);
        Assert.Equal(50, first.Instances.Count);
        Assert.NotNull(first.ContinuationToken);
        Assert.All(first.Instances, s => Assert.Equal(("Test.Bulk3", "case-3"), (s.Name, s.Tags["case"])));
        Assert.True(first.Instances.Zip(first.Instances.Skip(1)).All(p => p.First.CreatedAt >= p.Second.CreatedAt), "Newest first.");
        AssertNoScan(recorder, hub, pages: 1, pageSize: 50);
    }

    /// <summary>
    /// A query reads index partitions and state rows by key: every table query (on the instances table
    /// too) is confined to one partition, and what comes back stays within a few page sizes.
    /// </summary>
    private static void AssertNoScan(TableReadRecorder recorder, string hub, int pages, int pageSize)
    {
        var reads = recorder.Reads;
        Assert.NotEmpty(reads);
        Assert.Contains(reads, r => r.Table == hub + "Instances");
        Assert.Contains(reads, r => r.Table == hub + "Index" && r.IsQuery);
        Assert.All(reads.Where(r => r.IsQuery), r => Assert.True(
            r.Filter?.StartsWith("PartitionKey eq '", StringComparison.Ordinal) == true && !r.Filter.Contains(" or ", StringComparison.Ordinal),
            $"A query on {r.Table} was not confined to one partition: {r.Filter}"));

        // Per page: at most one page and one more of index rows from each class partition holding rows
        // (one here), and one state row per candidate. A scan would return thousands.
        var returned = reads.Sum(r => r.Entities);
        var bound = pages * 3 * (pageSize + 1);
        Assert.True(returned <= bound, $"{pages} page(s) of {pageSize} returned {returned} entities (bound {bound}).");
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
}
