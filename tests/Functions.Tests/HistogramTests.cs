using Workflows.Engine;
using Workflows.Functions.Ui.Dashboard;

namespace Workflows.Functions.Tests;

/// <summary>The dashboard histogram: instances started and completed per UTC day over the range.</summary>
public sealed class HistogramTests
{
    private static readonly DateTimeOffset Monday = new(2026, 3, 2, 0, 0, 0, TimeSpan.Zero);

    private static OrchestrationState Instance(DateTimeOffset created, DateTimeOffset? completed = null) => new()
    {
        InstanceId = Guid.NewGuid().ToString("N"),
        ExecutionId = "e",
        Name = "Referral",
        RuntimeStatus = completed is null ? OrchestrationRuntimeStatus.Running : OrchestrationRuntimeStatus.Completed,
        CreatedAt = created,
        LastUpdatedAt = completed ?? created,
        CompletedAt = completed,
    };

    [Fact]
    public void Build_DaysInRange_OneBucketPerUtcDayFromTheStartDate()
    {
        var chart = Histogram.Build([], Monday.AddHours(15), 7);

        Assert.Equal(Enumerable.Range(0, 7).Select(d => Monday.AddDays(d)), chart.Buckets.Select(b => b.Day));
    }

    [Fact]
    public void Build_InstancesStartedAndCompleted_CountedOnTheirOwnDays()
    {
        var instances = new[]
        {
            Instance(Monday.AddHours(1)),
            Instance(Monday.AddHours(23).AddMinutes(59), completed: Monday.AddDays(2).AddHours(3)),
            Instance(Monday.AddDays(1).AddHours(8), completed: Monday.AddDays(1).AddHours(9)),
        };

        var chart = Histogram.Build(instances, Monday, 3);

        Assert.Equal([2, 1, 0], chart.Buckets.Select(b => b.Started));
        Assert.Equal([0, 1, 1], chart.Buckets.Select(b => b.Completed));
        Assert.Equal(2, chart.Max);
    }

    [Fact]
    public void Build_EventsOutsideTheRange_NotCounted()
    {
        var instances = new[] { Instance(Monday.AddDays(-1), completed: Monday.AddDays(5)), Instance(Monday.AddDays(3)) };

        var chart = Histogram.Build(instances, Monday, 3);

        Assert.All(chart.Buckets, b => Assert.Equal((0, 0), (b.Started, b.Completed)));
    }

    [Fact]
    public void Build_NoInstances_ScaleStaysFinite()
    {
        var chart = Histogram.Build([], Monday, 14);

        Assert.Equal(1, chart.Max);
        Assert.Equal(0, chart.Scale(0));
    }

    [Fact]
    public void Scale_TheLargestCount_FillsTheChartHeight()
    {
        var chart = Histogram.Build([Instance(Monday), Instance(Monday), Instance(Monday.AddDays(1))], Monday, 2);

        Assert.Equal(Histogram.Height - Histogram.Top - Histogram.Bottom, chart.Scale(chart.Max));
        Assert.Equal(chart.Scale(2) / 2, chart.Scale(1));
    }
}
