using Workflows.Engine;
using Workflows.Functions.Ui.Dashboard;

namespace Workflows.Functions.Tests;

/// <summary>The dashboard histogram: instances started and completed per UTC day over the range, from the engine's counts per day.</summary>
public sealed class HistogramTests
{
    private static readonly DateTimeOffset Monday = new(2026, 3, 2, 0, 0, 0, TimeSpan.Zero);

    private static InstanceCount On(DateTimeOffset day, long count, string name = "Referral") => new(name, null, day, count);

    [Fact]
    public void Build_DaysInRange_OneBucketPerUtcDayFromTheStartDate()
    {
        var chart = Histogram.Build([], [], Monday.AddHours(15), 7);

        Assert.Equal(Enumerable.Range(0, 7).Select(d => Monday.AddDays(d)), chart.Buckets.Select(b => b.Day));
    }

    [Fact]
    public void Build_CountsOfSeveralWorkflows_AddedUpOnTheirOwnDays()
    {
        var started = new[] { On(Monday, 2), On(Monday, 3, "Complaint"), On(Monday.AddDays(1), 1) };
        var completed = new[] { On(Monday.AddDays(1), 1), On(Monday.AddDays(2), 4, "Complaint") };

        var chart = Histogram.Build(started, completed, Monday, 3);

        Assert.Equal([5L, 1, 0], chart.Buckets.Select(b => b.Started));
        Assert.Equal([0L, 1, 4], chart.Buckets.Select(b => b.Completed));
        Assert.Equal(5, chart.Max);
    }

    [Fact]
    public void Build_CountsOutsideTheRange_NotShown()
    {
        var chart = Histogram.Build([On(Monday.AddDays(-1), 7)], [On(Monday.AddDays(3), 2)], Monday, 3);

        Assert.All(chart.Buckets, b => Assert.Equal((0L, 0L), (b.Started, b.Completed)));
    }

    [Fact]
    public void Build_NoInstances_ScaleStaysFinite()
    {
        var chart = Histogram.Build([], [], Monday, 14);

        Assert.Equal(1, chart.Max);
        Assert.Equal(0, chart.Scale(0));
    }

    [Fact]
    public void Scale_TheLargestCount_FillsTheChartHeight()
    {
        var chart = Histogram.Build([On(Monday, 2), On(Monday.AddDays(1), 1)], [], Monday, 2);

        Assert.Equal(Histogram.Height - Histogram.Top - Histogram.Bottom, chart.Scale(chart.Max));
        Assert.Equal(chart.Scale(2) / 2, chart.Scale(1));
    }
}
