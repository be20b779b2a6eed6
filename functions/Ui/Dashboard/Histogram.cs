using Workflows.Engine;

namespace Workflows.Functions.Ui.Dashboard;

/// <summary>Instances started and completed per day over a range, laid out as an SVG bar chart.</summary>
public sealed record Histogram(IReadOnlyList<HistogramBucket> Buckets, int Max)
{
    public const int Width = 720;
    public const int Height = 240;
    public const int Left = 40;
    public const int Bottom = 30;
    public const int Top = 10;

    public static Histogram Build(IReadOnlyList<OrchestrationState> instances, DateTimeOffset from, int days)
    {
        ArgumentNullException.ThrowIfNull(instances);
        var start = new DateTimeOffset(from.UtcDateTime.Date, TimeSpan.Zero);
        var buckets = new List<HistogramBucket>();
        for (var d = 0; d < days; d++)
        {
            var day = start.AddDays(d);
            var next = day.AddDays(1);
            buckets.Add(new HistogramBucket(
                day,
                instances.Count(i => i.CreatedAt >= day && i.CreatedAt < next),
                instances.Count(i => i.CompletedAt is { } c && c >= day && c < next)));
        }

        return new Histogram(buckets, Math.Max(1, buckets.Count == 0 ? 1 : buckets.Max(b => Math.Max(b.Started, b.Completed))));
    }

    /// <summary>The width of one day's slot.</summary>
    public double Slot => (Width - Left - 10) / (double)Math.Max(1, Buckets.Count);

    /// <summary>The height in pixels of a count.</summary>
    public double Scale(int count) => (Height - Top - Bottom) * count / (double)Max;

    /// <summary>The y of the baseline.</summary>
    public static int Baseline => Height - Bottom;
}

/// <summary>One day of the histogram.</summary>
public sealed record HistogramBucket(DateTimeOffset Day, int Started, int Completed);
