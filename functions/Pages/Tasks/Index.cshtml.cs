using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Workflows.Approvals;
using Workflows.Functions.Auth;

namespace Workflows.Functions.Pages.Tasks;

/// <summary>My tasks: the open approval and clarification tasks of the signed-in person, filtered and sorted as the task API does.</summary>
public sealed class IndexModel(IApprovalTaskStore tasks, TimeProvider time) : PageModel
{
    public static readonly string[] Sorts = ["due", "-due", "created", "-created"];

    public IReadOnlyList<ApprovalTask> Tasks { get; private set; } = [];

    public IReadOnlyList<string> Workflows { get; private set; } = [];

    public DateTimeOffset Now { get; private set; }

    [BindProperty(SupportsGet = true)]
    public string? Workflow { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Kind { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Overdue { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Sort { get; set; }

    public async Task OnGetAsync()
    {
        var actor = HttpContext.RequireActor();
        Now = time.GetUtcNow();
        var open = await tasks.ListOpenForPersonAsync(actor.UserId, HttpContext.RequestAborted);
        Workflows = open.Select(t => t.Workflow).Distinct().Order(StringComparer.Ordinal).ToList();
        IEnumerable<ApprovalTask> filtered = open;
        if (!string.IsNullOrEmpty(Workflow))
        {
            filtered = filtered.Where(t => t.Workflow == Workflow);
        }

        if (Enum.TryParse<ApprovalTaskKind>(Kind, out var kind) && Enum.IsDefined(kind))
        {
            filtered = filtered.Where(t => t.Kind == kind);
        }

        if (Overdue is "yes" or "no")
        {
            filtered = filtered.Where(t => t.IsOverdue(Now) == (Overdue == "yes"));
        }

        Sort = Sorts.Contains(Sort) ? Sort : "due";
        Tasks = (Sort switch
        {
            "-due" => filtered.OrderByDescending(t => t.Due),
            "created" => filtered.OrderBy(t => t.CreatedAt),
            "-created" => filtered.OrderByDescending(t => t.CreatedAt),
            _ => filtered.OrderBy(t => t.Due),
        }).ToList();
    }
}
