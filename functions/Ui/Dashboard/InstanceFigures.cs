using Workflows.Engine;

namespace Workflows.Functions.Ui.Dashboard;

/// <summary>
/// The dashboard's instance figures over a range of days, approval steps left out: how many instances
/// of each workflow were created and are now in each status, and the histogram of instances started
/// and completed per day. Exact counts from the engine's index.
/// </summary>
/// <param name="Counts">Per workflow (orchestration name) and status, instances created in the range.</param>
/// <param name="Chart">Instances started and completed per UTC day.</param>
/// <param name="AsOf">When the figures were counted.</param>
/// <param name="FromCache">True when these are figures counted earlier and kept (see <see cref="InstanceStatistics.KeptFor"/>).</param>
public sealed record InstanceFigures(IReadOnlyList<InstanceCount> Counts, Histogram Chart, DateTimeOffset AsOf, bool FromCache);
