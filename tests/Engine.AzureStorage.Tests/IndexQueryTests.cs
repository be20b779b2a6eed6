using Azure.Core;
using Azure.Data.Tables;
using Workflows.Engine.Client;
using Workflows.Testing.Azurite;

namespace Workflows.Engine.AzureStorage.Tests;

/// <summary>
/// Combined filters run in the table service on one index partition, counts read index rows only, and
/// the index rows' status and completion rows stay consistent through repair, moves and purge. Table
/// reads are recorded by a pipeline policy; nothing here measures time.
/// </summary>
public sealed class IndexQueryTests(AzuriteFixture azurite)
{
    private const int AtFacility = 300;
    private const int RareEveryNth = 15;
    private static readonly Dictionary<string, string> Facility = new() { ["facility"] = "f-busy" };

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_name_and_a_tag_together_read_only_that_names_rows_of_the_tag_and_one_state_row_per_result()
    {
        var recorder = new TableReadRecorder();
        await using var h = await StartAsync(recorder);
        await SeedFacilityAsync(h);

        recorder.Reset();
        var page = await h.Client.QueryInstancesAsync(new InstanceQuery { Name = "test.rare", Tags = Facility, PageSize = 8 }, Ct);

        Assert.Equal(8, page.Instances.Count);
        Assert.NotNull(page.ContinuationToken);
        Assert.All(page.Instances, s => Assert.Equal(("Test.Rare", "f-busy"), (s.Name, s.Tags["facility"])));
        var reads = recorder.Reads;
        var indexQueries = reads.Where(r => r.Table == h.TaskHub + "Index" && r.IsQuery).ToList();
        Assert.NotEmpty(indexQueries);
        Assert.All(indexQueries, r => Assert.Contains("NameKey eq 'test.rare'", r.Filter, StringComparison.Ordinal));

        // Five class partitions of the facility, each asked for at most a page and one more row; one
        // state row per candidate. Walking the facility would read hundreds of rows of both kinds.
        Assert.InRange(indexQueries.Sum(r => r.Entities), 9, 5 * 9);
        Assert.InRange(reads.Count(r => r.Table == h.TaskHub + "Instances"), 8, 9);
    }

    [Fact]
    public async Task A_count_reads_index_rows_only_with_their_keys_name_and_status()
    {
        var recorder = new TableReadRecorder();
        await using var h = await StartAsync(recorder);
        await SeedFacilityAsync(h);

        recorder.Reset();
        var counts = await h.Client.CountInstancesAsync(new InstanceCountQuery { Tags = Facility, ByName = true, ByStatus = true }, Ct);

        var rare = AtFacility / RareEveryNth;
        Assert.Equal(
            [
                ("Test.Common", OrchestrationRuntimeStatus.Running, (AtFacility - rare) / 2L),
                ("Test.Common", OrchestrationRuntimeStatus.Completed, (AtFacility - rare) / 2L),
                ("Test.Rare", OrchestrationRuntimeStatus.Running, rare / 2L),
                ("Test.Rare", OrchestrationRuntimeStatus.Completed, rare / 2L),
            ],
            counts.Select(c => (c.Name!, c.RuntimeStatus!.Value, c.Count)));
        var reads = recorder.Reads;
        Assert.DoesNotContain(reads, r => r.Table == h.TaskHub + "Instances");
        Assert.All(reads, r => Assert.True(r.IsQuery && r.Select is not null && !r.Select.Contains("InstanceId", StringComparison.Ordinal), $"Not a projected index query: {r.Filter} / {r.Select}"));
        Assert.Equal(AtFacility, reads.Sum(r => r.Entities));
    }

    [Fact]
    public async Task A_status_left_stale_by_a_crash_is_repaired_and_counted_again()
    {
        await using var h = await AzureStorageHarness.StartAsync(azurite.ConnectionString, TestOrchestrations.Register);
        var id = await h.Client.ScheduleNewOrchestrationAsync("Test.Sleep", 30, cancellationToken: Ct);
        await h.WaitForStateAsync(id, s => s.NextTimerDueAt is not null, "waiting on its timer");
        await h.SettleAsync();
        var running = new InstanceQuery { Name = "Test.Sleep", RuntimeStatus = [OrchestrationRuntimeStatus.Running] };
        Assert.Equal(1, await h.Client.CountInstancesAsync(running, Ct));

        // As if the host had died between the first checkpoint and the index update.
        var index = new TableClient(azurite.ConnectionString, h.TaskHub + "Index");
        var row = Assert.Single(await index.QueryAsync<TableEntity>(e => e.PartitionKey == "I|test.sleep|Live", cancellationToken: Ct).ToListAsync(Ct));
        row["Status"] = nameof(OrchestrationRuntimeStatus.Pending);
        await index.UpdateEntityAsync(row, Azure.ETag.All, TableUpdateMode.Replace, Ct);
        Assert.Equal(0, await h.Client.CountInstancesAsync(running, Ct));

        Assert.Equal(1, await h.Backend.RepairIndexAsync(Ct));
        Assert.Equal(1, await h.Client.CountInstancesAsync(running, Ct));
    }

    [Fact]
    public async Task An_instance_caught_between_two_classes_is_counted_once_as_finished()
    {
        await using var h = await AzureStorageHarness.StartAsync(azurite.ConnectionString, TestOrchestrations.Register);
        var id = await h.Client.ScheduleNewOrchestrationAsync("Test.Echo", "x", cancellationToken: Ct);
        await h.WaitForStateAsync(id, s => s.RuntimeStatus == OrchestrationRuntimeStatus.Completed, "completed");
        await h.SettleAsync();

        // The finished row is written before the live one is deleted: here the deletion has not happened yet.
        var index = new TableClient(azurite.ConnectionString, h.TaskHub + "Index");
        var finished = Assert.Single(await index.QueryAsync<TableEntity>(e => e.PartitionKey == "I|test.echo|Completed", cancellationToken: Ct).ToListAsync(Ct));
        var live = new TableEntity("I|test.echo|Live", finished.RowKey);
        foreach (var (key, value) in finished.Where(p => p.Key is not ("PartitionKey" or "RowKey" or "Timestamp" or "odata.etag")))
        {
            live[key] = value;
        }

        live["Status"] = nameof(OrchestrationRuntimeStatus.Running);
        await index.AddEntityAsync(live, Ct);

        var counts = await h.Client.CountInstancesAsync(new InstanceCountQuery { Name = "Test.Echo", ByStatus = true }, Ct);

        Assert.Equal([(OrchestrationRuntimeStatus.Completed, 1L)], counts.Select(c => (c.RuntimeStatus!.Value, c.Count)));
    }

    [Fact]
    public async Task A_finished_instance_has_a_completion_row_of_its_day_until_it_is_purged()
    {
        await using var h = await AzureStorageHarness.StartAsync(azurite.ConnectionString, TestOrchestrations.Register);
        var id = await h.Client.ScheduleNewOrchestrationAsync("Test.Echo", "x", new StartOrchestrationOptions { Tags = new Dictionary<string, string> { ["case"] = "c-9" } }, Ct);
        var state = await h.WaitForStateAsync(id, s => s.RuntimeStatus == OrchestrationRuntimeStatus.Completed, "completed");
        await h.SettleAsync();
        var index = new TableClient(azurite.ConnectionString, h.TaskHub + "Index");
        var day = "C|" + state.CompletedAt!.Value.UtcDateTime.ToString("yyyyMMdd", System.Globalization.CultureInfo.InvariantCulture);

        var row = Assert.Single(await index.QueryAsync<TableEntity>(e => e.PartitionKey == day, cancellationToken: Ct).ToListAsync(Ct));
        Assert.Equal((id, "Test.Echo", "Completed"), (row.GetString("InstanceId"), row.GetString("Name"), row.GetString("Status")));

        Assert.Equal(1, (await h.Client.PurgeInstanceAsync(id, Ct)).InstancesDeleted);
        Assert.Empty(await index.QueryAsync<TableEntity>(e => e.PartitionKey == day, cancellationToken: Ct).ToListAsync(Ct));
    }

    private Task<AzureStorageHarness> StartAsync(TableReadRecorder recorder)
    {
        var hub = AzureStorageHarness.NewTaskHub();
        recorder.TaskHub = hub;
        return AzureStorageHarness.StartAsync(
            azurite.ConnectionString,
            TestOrchestrations.Register,
            hub,
            storage: o => o.ConfigureClientOptions = options => options.AddPolicy(recorder, HttpPipelinePosition.PerCall),
            worker: false);
    }

    /// <summary>
    /// A busy facility: <see cref="AtFacility"/> instances, one in <see cref="RareEveryNth"/> of a rare
    /// workflow, alternately running and completed, newest first spread over a day; a few elsewhere.
    /// </summary>
    private static async Task SeedFacilityAsync(AzureStorageHarness h)
    {
        var origin = h.UtcNow.AddDays(-1);
        using var throttle = new SemaphoreSlim(16);
        await Task.WhenAll(Enumerable.Range(0, AtFacility + 10).Select(async i =>
        {
            await throttle.WaitAsync(Ct);
            try
            {
                var created = origin.AddMinutes(i);
                var running = i % 2 == 0;
                await h.Backend.SeedAsync(new OrchestrationState
                {
                    InstanceId = $"seed-{i:D4}",
                    ExecutionId = "e",
                    Name = i < AtFacility && i % RareEveryNth == 0 ? "Test.Rare" : "Test.Common",
                    RuntimeStatus = running ? OrchestrationRuntimeStatus.Running : OrchestrationRuntimeStatus.Completed,
                    CreatedAt = created,
                    LastUpdatedAt = created,
                    CompletedAt = running ? null : created.AddSeconds(5),
                    Tags = i < AtFacility ? Facility : new Dictionary<string, string> { ["facility"] = "f-quiet" },
                }, Ct);
            }
            finally
            {
                throttle.Release();
            }
        }));
    }
}
