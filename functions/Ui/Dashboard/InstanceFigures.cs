using Workflows.Engine;

namespace Workflows.Functions.Ui.Dashboard;

/// <summary>
/// The dashboard's instance figures, approval steps left out: the live instances of each workflow whenever
/// they started (referrals run for years), the instances that finished in a range of days, and the histogram
/// of instances started and completed per day. Exact counts from the engine's index.
/// </summary>
/// <param name="Live">Per workflow (orchestration name) and status, every pending, running or suspended instance, whenever created.</param>
/// <param name="Finished">Per workflow and status, the instances that finished (completed, failed, terminated) in the range.</param>
/// <param name="Chart">Instances started and completed per UTC day.</param>
/// <param name="AsOf">When the figures were counted.</param>
/// <param name="FromCache">True when these are figures counted earlier and kept (see <see cref="InstanceStatistics.KeptFor"/>).</param>
public sealed record InstanceFigures(IReadOnlyList<InstanceCount> Live, IReadOnlyList<InstanceCount> Finished, Histogram Chart, DateTimeOffset AsOf, bool FromCache)
{
    /// <summary>The statuses of an instance that has not finished: counted whenever it started.</summary>
    public static readonly IReadOnlyList<OrchestrationRuntimeStatus> LiveStatuses =
        [OrchestrationRuntimeStatus.Pending, OrchestrationRuntimeStatus.Running, OrchestrationRuntimeStatus.ContinuedAsNew, OrchestrationRuntimeStatus.Suspended];
}
