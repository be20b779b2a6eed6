using Workflows.Approvals;
using Workflows.Engine.Client;
using Workflows.Functions.Api;
using Workflows.Policies;

namespace Workflows.Functions.Ui.Dashboard;

/// <summary>
/// The administrators' dashboard figures, all from indexed queries: task counts (the task store's
/// counters), overdue tasks and due escalations (the due-date index), and exact instance counts by
/// workflow, status and day (the engine's index, see <see cref="InstanceStatistics"/>).
/// </summary>
public sealed class DashboardQueries(IApprovalTaskStore tasks, OrchestrationClient client, EscalationSchedule escalations, TimeProvider time)
{
    private readonly InstanceStatistics _instances = new(client, time);

    public Task<IReadOnlyList<TaskCount>> TaskCountsAsync(CancellationToken cancellationToken = default) => tasks.CountByWorkflowAndStatusAsync(cancellationToken);

    public Task<IReadOnlyList<ApprovalTask>> OverdueAsync(DateTimeOffset now, CancellationToken cancellationToken = default) => tasks.ListOverdueAsync(now, cancellationToken);

    /// <summary>
    /// Escalations the policy will trigger in [now, until): for each open task due before <paramref name="until"/>
    /// (escalations come at or after the deadline in every default policy), the next escalation level after now.
    /// </summary>
    public async Task<IReadOnlyList<EscalationDue>> EscalationsAsync(DateTimeOffset now, DateTimeOffset until, CancellationToken cancellationToken = default)
    {
        var candidates = (await tasks.ListOverdueAsync(now, cancellationToken).ConfigureAwait(false))
            .Concat(await tasks.ListDueBetweenAsync(now, until, cancellationToken).ConfigureAwait(false))
            .DistinctBy(t => t.TaskId);
        var result = new List<EscalationDue>();
        foreach (var task in candidates)
        {
            if (await escalations.NextAsync(task, now, until, cancellationToken).ConfigureAwait(false) is { } next)
            {
                result.Add(new EscalationDue(task, next.At, next.Level));
            }
        }

        return result.OrderBy(e => e.At).ToList();
    }

    /// <summary>Instance figures of <paramref name="days"/> UTC days from <paramref name="from"/>, approval steps left out.</summary>
    public Task<InstanceFigures> InstanceFiguresAsync(DateTimeOffset from, int days, CancellationToken cancellationToken = default) =>
        _instances.CountAsync(from, days, cancellationToken);
}

/// <summary>An escalation the policy will trigger: the task, when, and what it does.</summary>
public sealed record EscalationDue(ApprovalTask Task, DateTimeOffset At, EscalationLevel Level);
