using Microsoft.AspNetCore.Mvc.RazorPages;
using Workflows.Approvals;
using Workflows.Functions.Auth;
using Workflows.Functions.Ui;

namespace Workflows.Functions.Pages;

/// <summary>The start page: the person's open tasks, the requests they may submit, and the dashboard for administrators.</summary>
public sealed class IndexModel(IApprovalTaskStore tasks, IntakeEntitlements entitlements, TimeProvider time) : PageModel
{
    public int OpenTasks { get; private set; }

    public int OverdueTasks { get; private set; }

    public IReadOnlyList<string> Forms { get; private set; } = [];

    public bool IsAdministrator { get; private set; }

    public async Task OnGetAsync()
    {
        var actor = HttpContext.RequireActor();
        var open = await tasks.ListOpenForPersonAsync(actor.UserId, HttpContext.RequestAborted);
        var now = time.GetUtcNow();
        OpenTasks = open.Count;
        OverdueTasks = open.Count(t => t.IsOverdue(now));
        Forms = await entitlements.FormsForAsync(actor, HttpContext.RequestAborted);
        IsAdministrator = actor.HasRole(Workflows.Roles.SystemAdministrator);
    }
}
