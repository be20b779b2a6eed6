using System.Collections.Concurrent;
using Workflows.Engine;
using Workflows.Engine.Client;

namespace Workflows.Functions.Ui.Dashboard;

/// <summary>
/// Counts the dashboard's instance figures with the engine's exact counts (index rows only, never the
/// instances): live ones whenever they started, finished ones and the histogram over the range. A count costs about one storage request per thousand instances, so figures that counted
/// many instances are kept for <see cref="KeptFor"/> and the page says when they were counted; small
/// ones are counted on every view.
/// </summary>
public sealed class InstanceStatistics(OrchestrationClient client, TimeProvider time)
{
    /// <summary>How long figures that counted many instances are kept.</summary>
    public static readonly TimeSpan KeptFor = TimeSpan.FromMinutes(1);

    // One entry per range length (the dashboard offers a few): a new day's range replaces the previous day's.
    private readonly ConcurrentDictionary<int, (DateTimeOffset From, InstanceFigures Figures)> _kept = new();

    /// <summary>Figures that counted at least this many instances (started, completed and live) are kept.</summary>
    public long KeepFrom { get; init; } = 10_000;

    /// <summary>The figures of <paramref name="days"/> UTC days from <paramref name="from"/> (a day's start).</summary>
    public async Task<InstanceFigures> CountAsync(DateTimeOffset from, int days, CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow();
        if (_kept.TryGetValue(days, out var kept) && kept.From == from && now - kept.Figures.AsOf < KeptFor && now >= kept.Figures.AsOf)
        {
            return kept.Figures with { FromCache = true };
        }

        var to = from.AddDays(days);
        var day = TimeSpan.FromDays(1);
        var started = client.CountInstancesAsync(
            new InstanceCountQuery { Names = WorkflowOrchestrations.WithoutSteps, From = from, To = to, BucketSize = day },
            cancellationToken);
        var completed = client.CountInstancesAsync(
            new InstanceCountQuery { Names = WorkflowOrchestrations.WithoutSteps, TimeField = InstanceTimeField.Completed, From = from, To = to, BucketSize = day, ByName = true, ByStatus = true },
            cancellationToken);

        // No created range: a referral started years ago and still running is as live as one started today.
        var live = client.CountInstancesAsync(
            new InstanceCountQuery { Names = WorkflowOrchestrations.WithoutSteps, RuntimeStatus = [.. InstanceFigures.LiveStatuses], ByName = true, ByStatus = true },
            cancellationToken);
        await Task.WhenAll(started, completed, live).ConfigureAwait(false);

        var startedCounts = await started.ConfigureAwait(false);
        var completedCounts = await completed.ConfigureAwait(false);
        var liveCounts = await live.ConfigureAwait(false);
        var figures = new InstanceFigures(ByWorkflowAndStatus(liveCounts), ByWorkflowAndStatus(completedCounts), Histogram.Build(startedCounts, completedCounts, from, days), now, false);
        var counted = startedCounts.Sum(c => c.Count) + completedCounts.Sum(c => c.Count) + liveCounts.Sum(c => c.Count);
        if (counted >= KeepFrom)
        {
            _kept[days] = (from, figures);
        }
        else
        {
            _kept.TryRemove(days, out _);
        }

        return figures;
    }

    private static List<InstanceCount> ByWorkflowAndStatus(IReadOnlyList<InstanceCount> counts) =>
        counts
            .GroupBy(c => (c.Name, c.RuntimeStatus))
            .Select(g => new InstanceCount(g.Key.Name, g.Key.RuntimeStatus, null, g.Sum(c => c.Count)))
            .Where(c => c.Count > 0)
            .OrderBy(c => c.Name, StringComparer.Ordinal).ThenBy(c => c.RuntimeStatus)
            .ToList();
}
