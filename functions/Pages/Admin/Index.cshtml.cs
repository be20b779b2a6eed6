using Microsoft.AspNetCore.Mvc.RazorPages;
using Workflows.Approvals;
using Workflows.Engine;
using Workflows.Functions.Notifications.Failures;
using Workflows.Functions.Ui.Dashboard;

namespace Workflows.Functions.Pages.Admin;

/// <summary>The administrators' dashboard: counts, overdue tasks, escalations due, notifications that failed, and the histogram of instances started and completed.</summary>
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

    /// <summary>Exact instance counts (approval steps left out): live ones by workflow and status, finished ones and per day over the range.</summary>
    public InstanceFigures Instances { get; private set; } = null!;

    public Histogram Chart => Instances.Chart;

    /// <summary>The first day of the range.</summary>
    public DateTimeOffset From { get; private set; }

    [Microsoft.AspNetCore.Mvc.BindProperty(SupportsGet = true)]
    public int Days { get; set; } = 14;

    /// <summary>
    /// The instance list filtered to one row of the counts: its workflow and status. No created range: live
    /// rows count instances whenever they started, and finished rows go by when they finished, which the
    /// list cannot filter on (it shows them newest first).
    /// </summary>
    public static string InstanceListLink(InstanceCount count)
    {
        ArgumentNullException.ThrowIfNull(count);
        return "/admin/instances" + new Microsoft.AspNetCore.Http.Extensions.QueryBuilder
        {
            { "name", count.Name ?? string.Empty },
            { "runtimeStatus", count.RuntimeStatus?.ToString() ?? string.Empty },
        }.ToString();
    }

    /// <summary>The most rows each task table of the dashboard shows; the full lists are filtered and paged on their own page.</summary>
    public const int TableRows = 50;

    public List<(ApprovalTask Task, DateTimeOffset At, string? What)> OverdueRows() => DueTaskRows.Overdue(Overdue.Take(TableRows));

    public List<(ApprovalTask Task, DateTimeOffset At, string? What)> EscalationRows(Ui.UiText text) =>
        DueTaskRows.Escalations(Escalations.Take(TableRows), text);

    /// <summary>The tasks among <paramref name="failures"/>, flagged in the task tables (here and on the full lists).</summary>
    public static IReadOnlySet<string> FailedTaskIds(IEnumerable<NotificationFailure> failures) =>
        failures.Where(f => f.TaskId is not null).Select(f => f.TaskId!).ToHashSet(StringComparer.Ordinal);

    public async Task OnGetAsync()
    {
        var cancellationToken = HttpContext.RequestAborted;
        Days = Ranges.Contains(Days) ? Days : 14;
        Now = time.GetUtcNow();
        Counts = await queries.TaskCountsAsync(cancellationToken);
        Overdue = await queries.OverdueAsync(Now, cancellationToken);
        Escalations = await queries.EscalationsAsync(Now, Now.AddDays(7), cancellationToken);
        EscalationsNextDay = Escalations.Count(e => e.At < Now.AddDays(1));
        NotificationFailures = await notificationFailures.ListRecentAsync(TableRows, cancellationToken);
        TasksWithFailedNotification = FailedTaskIds(NotificationFailures);
        ViewData["FailedNotificationTasks"] = TasksWithFailedNotification;
        From = new DateTimeOffset(Now.UtcDateTime.Date, TimeSpan.Zero).AddDays(-(Days - 1));
        Instances = await queries.InstanceFiguresAsync(From, Days, cancellationToken);
    }
}
