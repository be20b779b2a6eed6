using Workflows.Engine;

namespace Workflows.Functions.Ui.Dashboard;

/// <summary>Instances started and completed per day over a range, laid out as an SVG bar chart.</summary>
public sealed record Histogram(IReadOnlyList<HistogramBucket> Buckets, long Max)
{
    public const int Width = 720;
    public const int Height = 240;
    public const int Left = 40;
    public const int Bottom = 30;
    public const int Top = 10;

    /// <summary>
    /// The chart of <paramref name="days"/> UTC days from the start of <paramref name="from"/>'s day, from
    /// counts per day bucket: instances started (by creation time) and completed (by completion time).
    /// </summary>
    public static Histogram Build(IReadOnlyList<InstanceCount> started, IReadOnlyList<InstanceCount> completed, DateTimeOffset from, int days)
    {
        ArgumentNullException.ThrowIfNull(started);
        ArgumentNullException.ThrowIfNull(completed);
        var start = new DateTimeOffset(from.UtcDateTime.Date, TimeSpan.Zero);
        var buckets = new List<HistogramBucket>();
        for (var d = 0; d < days; d++)
        {
            var day = start.AddDays(d);
            buckets.Add(new HistogramBucket(day, SumOn(started, day), SumOn(completed, day)));
        }

        return new Histogram(buckets, Math.Max(1, buckets.Count == 0 ? 1 : buckets.Max(b => Math.Max(b.Started, b.Completed))));
    }

    /// <summary>The width of one day's slot.</summary>
    public double Slot => (Width - Left - 10) / (double)Math.Max(1, Buckets.Count);

    /// <summary>The height in pixels of a count.</summary>
    public double Scale(long count) => (Height - Top - Bottom) * count / (double)Max;

    /// <summary>The y of the baseline.</summary>
    public static int Baseline => Height - Bottom;

    private static long SumOn(IReadOnlyList<InstanceCount> counts, DateTimeOffset day) =>
        counts.Where(c => c.BucketStart is { } bucket && bucket >= day && bucket < day.AddDays(1)).Sum(c => c.Count);
}

/// <summary>One day of the histogram.</summary>
public sealed record HistogramBucket(DateTimeOffset Day, long Started, long Completed);
