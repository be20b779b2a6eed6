using Workflows.Approvals;
using Workflows.People;
using Workflows.Engine;
using Workflows.Engine.Client;
using Workflows.Policies;

namespace Workflows.Functions.Ui.Dashboard;

/// <summary>
/// The administrators' dashboard figures, all from indexed queries: task counts (the task store's
/// counters), overdue tasks and due escalations (the due-date index), and a sample of recent instances
/// (the created-time index, at most <see cref="SampleLimit"/> instances) for the histogram.
/// </summary>
public sealed class DashboardQueries(IApprovalTaskStore tasks, OrchestrationClient client, IPersonDirectory directory, IPolicyProvider policies)
{
    /// <summary>The most instances the histogram reads.</summary>
    public const int SampleLimit = 5000;

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
        var facilities = new Dictionary<string, Facility?>(StringComparer.Ordinal);
        foreach (var task in candidates)
        {
            if (!facilities.TryGetValue(task.FacilityId, out var facility))
            {
                facility = await directory.FindFacilityAsync(task.FacilityId, cancellationToken).ConfigureAwait(false);
                facilities[task.FacilityId] = facility;
            }

            WorkflowPolicy policy;
            try
            {
                policy = policies.Resolve(task.Workflow, facility?.Country ?? "default", facility?.Id);
            }
            catch (KeyNotFoundException)
            {
                continue;
            }

            if (!policy.Steps.TryGetValue(task.Step, out var step))
            {
                continue;
            }

            var next = step.ForStage(task.Role).Escalations
                .Select(level => (Level: level, At: policy.Calendar.Add(task.CreatedAt, level.At)))
                .Where(x => x.At >= now && x.At < until)
                .OrderBy(x => x.At)
                .FirstOrDefault();
            if (next.Level is not null)
            {
                result.Add(new EscalationDue(task, next.At, next.Level));
            }
        }

        return result.OrderBy(e => e.At).ToList();
    }

    /// <summary>The workflow instances (approval steps excluded) created in [from, to), newest first, at most <see cref="SampleLimit"/>.</summary>
    public async Task<InstanceSample> SampleAsync(DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken = default)
    {
        var instances = new List<OrchestrationState>();
        string? token = null;
        var read = 0;
        do
        {
            var page = await client.QueryInstancesAsync(new InstanceQuery { CreatedFrom = from, CreatedTo = to, PageSize = 1000, ContinuationToken = token }, cancellationToken).ConfigureAwait(false);
            read += page.Instances.Count;
            instances.AddRange(page.Instances.Where(i => i.Name != ApprovalOrchestration.Name));
            token = page.ContinuationToken;
        }
        while (token is not null && read < SampleLimit);
        return new InstanceSample(instances, token is not null);
    }
}

/// <summary>An escalation the policy will trigger: the task, when, and what it does.</summary>
public sealed record EscalationDue(ApprovalTask Task, DateTimeOffset At, EscalationLevel Level);

/// <summary>Recent instances; <see cref="Truncated"/> when there were more than the sample holds.</summary>
public sealed record InstanceSample(IReadOnlyList<OrchestrationState> Instances, bool Truncated);
