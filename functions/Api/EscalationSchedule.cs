using Workflows.Approvals;
using Workflows.People;
using Workflows.Policies;

namespace Workflows.Functions.Api;

/// <summary>
/// When the policy escalates an open task: the escalation levels of the task's step (the stage's chain
/// for the task's role), counted in working days of the policy's calendar from when the task was opened.
/// The task API shows the next one (<c>escalatesAt</c>) and the dashboard lists those due soon.
/// </summary>
public sealed class EscalationSchedule(IPersonDirectory directory, IPolicyProvider policies)
{
    /// <summary>
    /// The first escalation of <paramref name="task"/> at or after <paramref name="from"/> and before
    /// <paramref name="until"/>; null when there is none, or when the task's policy or step is unknown.
    /// </summary>
    public async Task<ScheduledEscalation?> NextAsync(ApprovalTask task, DateTimeOffset from, DateTimeOffset until, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(task);
        var facility = await directory.FindFacilityAsync(task.FacilityId, cancellationToken).ConfigureAwait(false);
        WorkflowPolicy policy;
        try
        {
            policy = policies.Resolve(task.Workflow, facility?.Country ?? "default", facility?.Id);
        }
        catch (KeyNotFoundException)
        {
            return null;
        }

        if (!policy.Steps.TryGetValue(task.Step, out var step))
        {
            return null;
        }

        return step.ForStage(task.Role).Escalations
            .Select(level => new ScheduledEscalation(policy.Calendar.Add(task.CreatedAt, level.At), level))
            .Where(x => x.At >= from && x.At < until)
            .OrderBy(x => x.At)
            .FirstOrDefault();
    }

    /// <summary>When the open <paramref name="task"/> escalates next after <paramref name="now"/>; null for a closed task or one that no longer escalates.</summary>
    public async Task<DateTimeOffset?> NextAtAsync(ApprovalTask task, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(task);
        return task.IsOpen ? (await NextAsync(task, now, DateTimeOffset.MaxValue, cancellationToken).ConfigureAwait(false))?.At : null;
    }
}
