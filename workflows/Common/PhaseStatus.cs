using Workflows.Approvals;
using Workflows.Engine;

namespace Workflows;

/// <summary>
/// The custom status of a phase whose steps run side by side: one status with the steps still open (the
/// most urgent as its step), the earliest of their deadlines and everyone they wait on (role names and
/// task ids); the phase's name once none is open. A step shows itself while it runs and leaves when it
/// ends, so neither the last step started nor a finished one hides the others. Orchestrator code only:
/// it runs on the orchestration's single thread and replays alike.
/// </summary>
public sealed class PhaseStatus(OrchestrationContext context, string phase)
{
    private readonly List<WorkflowStatus> _open = [];

    /// <summary>Runs a prepared approval step, shown in the phase's status until it ends.</summary>
    public Task<ApprovalOutcome> RunAsync(ApprovalStep.Prepared prepared)
    {
        ArgumentNullException.ThrowIfNull(prepared);
        return ShowWhileAsync(prepared.Status, ApprovalStep.RunPreparedAsync(context, prepared));
    }

    /// <summary>Shows <paramref name="step"/> until <paramref name="running"/> ends (a wait, a sub-orchestration).</summary>
    public async Task<T> ShowWhileAsync<T>(WorkflowStatus step, Task<T> running)
    {
        ArgumentNullException.ThrowIfNull(step);
        ArgumentNullException.ThrowIfNull(running);
        _open.Add(step);
        Show();
        try
        {
            return await running;
        }
        finally
        {
            _open.RemoveAt(_open.FindIndex(s => ReferenceEquals(s, step)));
            Show();
        }
    }

    private void Show()
    {
        // The step shown is the most urgent (earliest deadline, then first opened), so it stays a step code the dashboard knows.
        var urgent = _open.OrderBy(s => s.NextDeadline ?? DateTimeOffset.MaxValue).FirstOrDefault();
        var steps = _open.Select(s => s.Step).Distinct(StringComparer.Ordinal).ToList();
        context.SetCustomStatus(new WorkflowStatus
        {
            Step = urgent?.Step ?? phase,
            Steps = steps,
            NextDeadline = _open.Select(s => s.NextDeadline).OfType<DateTimeOffset>().Order().Cast<DateTimeOffset?>().FirstOrDefault(),
            WaitingOnTaskIds = _open.SelectMany(s => s.WaitingOnTaskIds).Distinct(StringComparer.Ordinal).ToList(),
            WaitingOnRoles = _open.SelectMany(s => s.WaitingOnRoles).Distinct(StringComparer.Ordinal).ToList(),
            ApprovalInstanceId = _open.Count == 1 ? _open[0].ApprovalInstanceId : null,
        });
    }
}
