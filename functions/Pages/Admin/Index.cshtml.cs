using Microsoft.AspNetCore.Mvc.RazorPages;
using Workflows.Approvals;
using Workflows.Engine;
using Workflows.Functions.Notifications.Failures;
using Workflows.Functions.Ui.Dashboard;

namespace Workflows.Functions.Pages.Admin;

/// <summary>The administrators' dashboard: counts, overdue tasks, escalations due, notifications that failed, and the histogram of recent instances.</summary>
public sealed class IndexModel(DashboardQueries queries, INotificationFailureStore notificationFailures, TimeProvider time) : PageModel
{
    public static readonly int[] Ranges = [1, 7, 14, 30];

    public DateTimeOffset Now { get; private set; }

    public IReadOnlyList<TaskCount> Counts { get; private set; } = [];

    public IReadOnlyList<ApprovalTask> Overdue { get; private set; } = [];

    public IReadOnlyList<EscalationDue> Escalations { get; private set; } = [];

    public int EscalationsNextDay { get; private set; }

    /// <summary>The newest notifications that failed after their last attempt.</summary>
    public IReadOnlyList<NotificationFailure> NotificationFailures { get; private set; } = [];

    /// <summary>Tasks with a failed notification: flagged in the task tables.</summary>
    public IReadOnlySet<string> TasksWithFailedNotification { get; private set; } = new HashSet<string>();

    public InstanceSample Sample { get; private set; } = new([], false);

    public Histogram Chart { get; private set; } = null!;

    /// <summary>Instances of the sample by workflow and runtime status.</summary>
    public IReadOnlyList<(string Workflow, OrchestrationRuntimeStatus Status, int Count)> InstanceCounts { get; private set; } = [];

    [Microsoft.AspNetCore.Mvc.BindProperty(SupportsGet = true)]
    public int Days { get; set; } = 14;

    public List<(ApprovalTask Task, DateTimeOffset At, string? What)> OverdueRows() =>
        Overdue.Take(50).Select(t => (t, t.Due, (string?)null)).ToList();

    public List<(ApprovalTask Task, DateTimeOffset At, string? What)> EscalationRows(Ui.UiText text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return Escalations.Take(50).Select(e => (e.Task, e.At, (string?)text.Format(
            "Dashboard.EscalationAction",
            text.Code("Escalation", e.Level.Action.ToString()),
            e.Level.ToManager ? text["Dashboard.Manager"] : text.Role(e.Level.Role)))).ToList();
    }

    public async Task OnGetAsync()
    {
        var cancellationToken = HttpContext.RequestAborted;
        Days = Ranges.Contains(Days) ? Days : 14;
        Now = time.GetUtcNow();
        Counts = await queries.TaskCountsAsync(cancellationToken);
        Overdue = await queries.OverdueAsync(Now, cancellationToken);
        Escalations = await queries.EscalationsAsync(Now, Now.AddDays(7), cancellationToken);
        EscalationsNextDay = Escalations.Count(e => e.At < Now.AddDays(1));
        NotificationFailures = await notificationFailures.ListRecentAsync(50, cancellationToken);
        TasksWithFailedNotification = NotificationFailures.Where(f => f.TaskId is not null).Select(f => f.TaskId!).ToHashSet(StringComparer.Ordinal);
        ViewData["FailedNotificationTasks"] = TasksWithFailedNotification;
        var from = new DateTimeOffset(Now.UtcDateTime.Date, TimeSpan.Zero).AddDays(-(Days - 1));
        Sample = await queries.SampleAsync(from, Now.AddSeconds(1), cancellationToken);
        Chart = Histogram.Build(Sample.Instances, from, Days);
        InstanceCounts = Sample.Instances
            .GroupBy(i => (i.Tags.GetValueOrDefault(WorkflowNames.WorkflowTag, i.Name), i.RuntimeStatus))
            .Select(g => (g.Key.Item1, g.Key.RuntimeStatus, g.Count()))
            .OrderBy(x => x.Item1, StringComparer.Ordinal).ThenBy(x => x.RuntimeStatus)
            .ToList();
    }
}
