using System.Collections.Concurrent;
using Workflows.Engine;
using Workflows.Engine.Client;

namespace Workflows.Functions.Ui.Dashboard;

/// <summary>
/// Counts the dashboard's instance figures with the engine's exact counts (index rows only, never the
/// instances). A count costs about one storage request per thousand instances, so figures that counted
/// many instances are kept for <see cref="KeptFor"/> and the page says when they were counted; small
/// ones are counted on every view.
/// </summary>
public sealed class InstanceStatistics(OrchestrationClient client, TimeProvider time)
{
    /// <summary>How long figures that counted many instances are kept.</summary>
    public static readonly TimeSpan KeptFor = TimeSpan.FromMinutes(1);

    private readonly ConcurrentDictionary<(DateTimeOffset From, int Days), (InstanceFigures Figures, long Counted)> _kept = new();

    /// <summary>Figures that counted at least this many instances (started plus completed) are kept.</summary>
    public long KeepFrom { get; init; } = 10_000;

    /// <summary>The figures of <paramref name="days"/> UTC days from <paramref name="from"/> (a day's start).</summary>
    public async Task<InstanceFigures> CountAsync(DateTimeOffset from, int days, CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow();
        if (_kept.TryGetValue((from, days), out var kept) && now - kept.Figures.AsOf < KeptFor && now >= kept.Figures.AsOf)
        {
            return kept.Figures with { FromCache = true };
        }

        var to = from.AddDays(days);
        var day = TimeSpan.FromDays(1);
        var started = client.CountInstancesAsync(
            new InstanceCountQuery { Names = WorkflowOrchestrations.WithoutSteps, From = from, To = to, BucketSize = day, ByName = true, ByStatus = true },
            cancellationToken);
        var completed = client.CountInstancesAsync(
            new InstanceCountQuery { Names = WorkflowOrchestrations.WithoutSteps, TimeField = InstanceTimeField.Completed, From = from, To = to, BucketSize = day },
            cancellationToken);
        await Task.WhenAll(started, completed).ConfigureAwait(false);

        var counts = (await started.ConfigureAwait(false))
            .GroupBy(c => (c.Name, c.RuntimeStatus))
            .Select(g => new InstanceCount(g.Key.Name, g.Key.RuntimeStatus, null, g.Sum(c => c.Count)))
            .OrderBy(c => c.Name, StringComparer.Ordinal).ThenBy(c => c.RuntimeStatus)
            .ToList();
        var figures = new InstanceFigures(counts, Histogram.Build(await started.ConfigureAwait(false), await completed.ConfigureAwait(false), from, days), now, false);
        var counted = (await started.ConfigureAwait(false)).Sum(c => c.Count) + (await completed.ConfigureAwait(false)).Sum(c => c.Count);
        if (counted >= KeepFrom)
        {
            _kept[(from, days)] = (figures, counted);
        }
        else
        {
            _kept.TryRemove((from, days), out _);
        }

        return figures;
    }
}
