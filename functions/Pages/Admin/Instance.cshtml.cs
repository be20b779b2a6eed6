using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Workflows.Approvals;
using Workflows.Engine;
using Workflows.Engine.Client;
using Workflows.Engine.History;
using Workflows.Functions.Ui;
using Workflows.Functions.Ui.Dashboard;

namespace Workflows.Functions.Pages.Admin;

/// <summary>One instance: status, custom status, Gantt of steps, timers and decisions, history, tasks, and the actions its status allows.</summary>
public sealed class InstanceModel(OrchestrationClient client, IApprovalTaskStore tasks, TimeProvider time) : PageModel
{
    private const int MaxStepsWithTasks = 30;

    public OrchestrationState State { get; private set; } = null!;

    public IReadOnlyList<HistoryEvent> History { get; private set; } = [];

    public IReadOnlyList<ApprovalTask> Tasks { get; private set; } = [];

    public InstanceTimeline Timeline { get; private set; } = null!;

    public IReadOnlyList<string> Actions { get; private set; } = [];

    public DateTimeOffset Now { get; private set; }

    public async Task<IActionResult> OnGetAsync(string instanceId)
    {
        var cancellationToken = HttpContext.RequestAborted;
        var state = await client.GetInstanceAsync(instanceId, getInputsAndOutputs: false, cancellationToken);
        if (state is null)
        {
            return NotFound();
        }

        State = state;
        Now = time.GetUtcNow();
        History = await client.GetHistoryAsync(instanceId, cancellationToken);
        var list = new List<ApprovalTask>(await tasks.ListByInstanceAsync(instanceId, cancellationToken));
        foreach (var child in History.OfType<SubOrchestrationCreatedEvent>().Where(e => e.Name == ApprovalOrchestration.Name).Take(MaxStepsWithTasks))
        {
            list.AddRange(await tasks.ListByInstanceAsync(child.InstanceId, cancellationToken));
        }

        Tasks = list.OrderBy(t => t.CreatedAt).ToList();
        Timeline = InstanceTimeline.Build(History, Tasks, Now, !state.RuntimeStatus.IsTerminal());
        Actions = InstanceActionModel.AllowedFor(state.RuntimeStatus);
        return Page();
    }

    /// <summary>A short description of a history event (names and ids only; never inputs or results).</summary>
    public static string Detail(HistoryEvent e) => e switch
    {
        ExecutionStartedEvent s => $"{s.Name} {s.Version}".Trim(),
        TaskScheduledEvent s => s.Name,
        TaskCompletedEvent c => $"#{c.TaskScheduledId}",
        TaskFailedEvent f => $"#{f.TaskScheduledId}: {f.FailureDetails.ErrorType}",
        TimerCreatedEvent t => UiFormat.DateTime(t.FireAt),
        TimerFiredEvent t => $"#{t.TimerId}",
        EventRaisedEvent r => r.Name,
        EventSentEvent s => $"{s.Name} → {s.InstanceId}",
        SubOrchestrationCreatedEvent s => $"{s.Name} {s.InstanceId}",
        SubOrchestrationCompletedEvent c => $"#{c.TaskScheduledId}",
        SubOrchestrationFailedEvent f => $"#{f.TaskScheduledId}: {f.FailureDetails.ErrorType}",
        ExecutionSuspendedEvent s => s.Reason ?? string.Empty,
        ExecutionResumedEvent r => r.Reason ?? string.Empty,
        ExecutionTerminatedEvent t => t.Reason ?? string.Empty,
        ExecutionCompletedEvent c => c.Status.ToString(),
        ExecutionRewoundEvent r => r.Reason ?? string.Empty,
        _ => string.Empty,
    };
}
