using System.Text.Json;
using Workflows.Engine;
using Workflows.Engine.Backend;
using Workflows.Engine.Client;
using Workflows.Engine.Hosting;
using Workflows.Engine.Serialization;
using Workflows.Functions.Ui.Dashboard;

namespace Workflows.Functions.Tests;

/// <summary>
/// The dashboard's instance figures: exact engine counts of the workflows (approval steps left out), live ones
/// whenever they started, finished ones per workflow and status and per day; large ones kept for a minute, small ones counted on every view.
/// </summary>
public sealed class InstanceStatisticsTests
{
    private static readonly DateTimeOffset Monday = new(2026, 3, 2, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task CountAsync_Range_CountsWhatFinishedByWorkflowAndStatusAndBothBarsPerDay()
    {
        var backend = new CountingBackend();
        backend.Started.AddRange([
            new InstanceCount(null, null, Monday, 3),
            new InstanceCount(null, null, Monday.AddDays(1), 3)]);
        backend.Completed.AddRange([
            new InstanceCount("Referral", OrchestrationRuntimeStatus.Completed, Monday, 1),
            new InstanceCount("Referral", OrchestrationRuntimeStatus.Completed, Monday.AddDays(1), 2),
            new InstanceCount("Complaint", OrchestrationRuntimeStatus.Terminated, Monday.AddDays(1), 1)]);
        var statistics = new InstanceStatistics(Client(backend), new ManualClock(Monday.AddDays(1)));

        var figures = await statistics.CountAsync(Monday, 2, TestContext.Current.CancellationToken);

        var ranged = backend.Queries.Where(q => q.RuntimeStatus is null).ToList();
        Assert.Equal(2, ranged.Count);
        Assert.All(ranged, q => Assert.Equal((Monday, Monday.AddDays(2), TimeSpan.FromDays(1)), (q.From, q.To, q.BucketSize)));
        Assert.Equal(
            [("Complaint", OrchestrationRuntimeStatus.Terminated, 1L), ("Referral", OrchestrationRuntimeStatus.Completed, 3L)],
            figures.Finished.Select(c => (c.Name!, c.RuntimeStatus!.Value, c.Count)));
        Assert.Equal([(3L, 1L), (3L, 3L)], figures.Chart.Buckets.Select(b => (b.Started, b.Completed)));
    }

    [Fact]
    public async Task CountAsync_LiveInstances_CountedByWorkflowAndStatusWheneverTheyStarted()
    {
        var backend = new CountingBackend();
        backend.Live.AddRange([
            new InstanceCount("Referral", OrchestrationRuntimeStatus.Running, null, 40),
            new InstanceCount("Referral", OrchestrationRuntimeStatus.Suspended, null, 2),
            new InstanceCount("Complaint", OrchestrationRuntimeStatus.Running, null, 5)]);
        var statistics = new InstanceStatistics(Client(backend), new ManualClock(Monday.AddDays(1)));

        var figures = await statistics.CountAsync(Monday, 2, TestContext.Current.CancellationToken);

        var live = Assert.Single(backend.Queries, q => q.RuntimeStatus is not null);
        Assert.Equal((null, null, null), (live.From, live.To, live.BucketSize));
        Assert.Equal(InstanceFigures.LiveStatuses, live.RuntimeStatus);
        Assert.True(live.ByName && live.ByStatus);
        Assert.Equal(
            [("Complaint", OrchestrationRuntimeStatus.Running, 5L), ("Referral", OrchestrationRuntimeStatus.Running, 40L), ("Referral", OrchestrationRuntimeStatus.Suspended, 2L)],
            figures.Live.Select(c => (c.Name!, c.RuntimeStatus!.Value, c.Count)));
    }

    [Fact]
    public async Task CountAsync_EveryCount_LeavesTheApprovalStepsOut()
    {
        var backend = new CountingBackend();
        var statistics = new InstanceStatistics(Client(backend), new ManualClock(Monday.AddDays(1)));

        await statistics.CountAsync(Monday, 2, TestContext.Current.CancellationToken);

        Assert.Equal(3, backend.Queries.Count);
        Assert.All(backend.Queries, q => Assert.Equal(WorkflowOrchestrations.WithoutSteps, q.Names));
    }

    [Fact]
    public async Task CountAsync_LargeFigures_KeptForAMinuteThenCountedAgain()
    {
        var backend = new CountingBackend();
        backend.Started.Add(new InstanceCount("Referral", OrchestrationRuntimeStatus.Running, Monday, 20));
        var clock = new ManualClock(Monday.AddHours(9));
        var statistics = new InstanceStatistics(Client(backend), clock) { KeepFrom = 10 };
        var first = await statistics.CountAsync(Monday, 1, TestContext.Current.CancellationToken);
        backend.Started[0] = backend.Started[0] with { Count = 21 };

        clock.Now += TimeSpan.FromSeconds(59);
        var kept = await statistics.CountAsync(Monday, 1, TestContext.Current.CancellationToken);
        clock.Now += TimeSpan.FromSeconds(2);
        var fresh = await statistics.CountAsync(Monday, 1, TestContext.Current.CancellationToken);

        Assert.Equal((false, 20L), (first.FromCache, first.Chart.Buckets[0].Started));
        Assert.Equal((true, 20L, first.AsOf), (kept.FromCache, kept.Chart.Buckets[0].Started, kept.AsOf));
        Assert.Equal((false, 21L, clock.GetUtcNow()), (fresh.FromCache, fresh.Chart.Buckets[0].Started, fresh.AsOf));
    }

    [Fact]
    public async Task CountAsync_NextDaysRange_CountedAgainWithinTheMinute()
    {
        var backend = new CountingBackend();
        backend.Started.Add(new InstanceCount("Referral", OrchestrationRuntimeStatus.Running, Monday, 20));
        var clock = new ManualClock(Monday.AddDays(1).AddSeconds(-10));
        var statistics = new InstanceStatistics(Client(backend), clock) { KeepFrom = 10 };
        await statistics.CountAsync(Monday, 1, TestContext.Current.CancellationToken);
        backend.Started[0] = backend.Started[0] with { Count = 21 };

        clock.Now += TimeSpan.FromSeconds(20);
        var tuesday = await statistics.CountAsync(Monday.AddDays(1), 1, TestContext.Current.CancellationToken);

        Assert.Equal((false, Monday.AddDays(1)), (tuesday.FromCache, tuesday.Chart.Buckets[0].Day));
    }

    [Fact]
    public async Task CountAsync_SmallFigures_CountedOnEveryView()
    {
        var backend = new CountingBackend();
        backend.Started.Add(new InstanceCount("Referral", OrchestrationRuntimeStatus.Running, Monday, 3));
        var statistics = new InstanceStatistics(Client(backend), new ManualClock(Monday.AddHours(9))) { KeepFrom = 10 };
        await statistics.CountAsync(Monday, 1, TestContext.Current.CancellationToken);
        backend.Started[0] = backend.Started[0] with { Count = 4 };

        var second = await statistics.CountAsync(Monday, 1, TestContext.Current.CancellationToken);

        Assert.Equal((false, 4L), (second.FromCache, second.Chart.Buckets[0].Started));
    }

    private static OrchestrationClient Client(IOrchestrationBackend backend) =>
        new(backend, new OrchestrationRegistry(), new DataConverter(new JsonSerializerOptions(JsonSerializerDefaults.Web)), TimeProvider.System);

    /// <summary>The app's clock, moved by hand.</summary>
    private sealed class ManualClock(DateTimeOffset now) : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = now;

        public override DateTimeOffset GetUtcNow() => Now;
    }

    /// <summary>A backend that only counts: canned counts by creation time, by completion time and of live instances, and the queries it was asked.</summary>
    private sealed class CountingBackend : QueryOnlyBackend
    {
        public List<InstanceCount> Started { get; } = [];

        public List<InstanceCount> Completed { get; } = [];

        public List<InstanceCount> Live { get; } = [];

        public System.Collections.Concurrent.ConcurrentBag<InstanceCountQuery> Queries { get; } = [];

        public override Task<IReadOnlyList<InstanceCount>> CountInstancesAsync(InstanceCountQuery query, CancellationToken cancellationToken = default)
        {
            Queries.Add(query);
            return Task.FromResult<IReadOnlyList<InstanceCount>>([.. query.TimeField == InstanceTimeField.Completed ? Completed : query.RuntimeStatus is null ? Started : Live]);
        }
    }
}
