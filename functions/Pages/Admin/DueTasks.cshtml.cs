using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Workflows.Approvals;
using Workflows.Functions.Notifications.Failures;
using Workflows.Functions.Ui;
using Workflows.Functions.Ui.Dashboard;
using Workflows.People;

namespace Workflows.Functions.Pages.Admin;

/// <summary>
/// Every overdue task (most overdue first), or every escalation due in the next 7 days (soonest first), filtered
/// by workflow, facility and case reference and paged: the dashboard shows only the first rows of each, and an
/// administrator must be able to reach the rest.
/// </summary>
public sealed class DueTasksModel(DashboardQueries queries, FacilityCatalogue facilities, INotificationFailureStore notificationFailures, UiText text, TimeProvider time) : PageModel
{
    public const string OverdueList = "overdue";

    public const string EscalationList = "escalations";

    public const int PageSize = 50;

    [BindProperty(SupportsGet = true)]
    public string List { get; set; } = OverdueList;

    [BindProperty(SupportsGet = true)]
    public string? Workflow { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Facility { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? CaseReference { get; set; }

    /// <summary>The page asked for, from 1; anything else shows the first. (Not "page": Razor Pages keeps that route value for itself.)</summary>
    [BindProperty(SupportsGet = true, Name = "pageNumber")]
    public int? PageNumber { get; set; }

    public DateTimeOffset Now { get; private set; }

    public IReadOnlyList<Facility> Facilities { get; private set; } = [];

    /// <summary>The workflows that have tasks in the list, whatever the filters.</summary>
    public IReadOnlyList<string> Workflows { get; private set; } = [];

    public List<(ApprovalTask Task, DateTimeOffset At, string? What)> Rows { get; private set; } = [];

    /// <summary>How many tasks match the filters, on every page.</summary>
    public int Matching { get; private set; }

    /// <summary>The page shown, from 1.</summary>
    public int Current { get; private set; } = 1;

    public int Pages => Math.Max(1, (Matching + PageSize - 1) / PageSize);

    public string TitleKey => List == EscalationList ? "Dashboard.EscalationsDue" : "Dashboard.OverdueTasks";

    public async Task OnGetAsync()
    {
        var cancellationToken = HttpContext.RequestAborted;
        Now = time.GetUtcNow();
        Facilities = await facilities.AllAsync(cancellationToken);
        var reference = CaseReference?.Trim();
        bool Matches(ApprovalTask task) =>
            (string.IsNullOrEmpty(Workflow) || task.Workflow == Workflow)
            && (string.IsNullOrEmpty(Facility) || task.FacilityId == Facility)
            && (string.IsNullOrEmpty(reference) || string.Equals(task.CaseReference, reference, StringComparison.OrdinalIgnoreCase));

        List<(ApprovalTask Task, DateTimeOffset At, string? What)> all;
        if (List == EscalationList)
        {
            var escalations = await queries.EscalationsAsync(Now, Now.AddDays(7), cancellationToken);
            Workflows = escalations.Select(e => e.Task.Workflow).Distinct().Order(StringComparer.Ordinal).ToList();
            all = DueTaskRows.Escalations(escalations.Where(e => Matches(e.Task)), text);
        }
        else
        {
            var overdue = await queries.OverdueAsync(Now, cancellationToken);
            Workflows = overdue.Select(t => t.Workflow).Distinct().Order(StringComparer.Ordinal).ToList();
            all = DueTaskRows.Overdue(overdue.Where(Matches).OrderBy(t => t.Due));
        }

        Matching = all.Count;
        Current = PageNumber is { } page && page >= 1 ? Math.Min(page, Pages) : 1;
        Rows = all.Skip((Current - 1) * PageSize).Take(PageSize).ToList();

        // Flagged as on the dashboard: tasks whose notification failed after its last attempt.
        ViewData["FailedNotificationTasks"] = IndexModel.FailedTaskIds(await notificationFailures.ListRecentAsync(IndexModel.TableRows, cancellationToken));
    }

    /// <summary>The query string of another page of the same filtered list.</summary>
    public string PageQuery(int page) => new Microsoft.AspNetCore.Http.Extensions.QueryBuilder
    {
        { "workflow", Workflow ?? string.Empty },
        { "facility", Facility ?? string.Empty },
        { "caseReference", CaseReference ?? string.Empty },
        { "pageNumber", page.ToString(System.Globalization.CultureInfo.InvariantCulture) },
    }.ToString();
}
