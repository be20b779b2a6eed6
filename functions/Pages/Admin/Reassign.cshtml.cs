using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Workflows.Approvals;
using Workflows.People;
using Workflows.Functions.Auth;
using Workflows.Functions.Ui;

namespace Workflows.Functions.Pages.Admin;

/// <summary>An administrator reassigns an open task on someone's behalf; the reason is required and the decision service audits it.</summary>
public sealed class ReassignModel(IApprovalTaskStore tasks, ApprovalDecisionService decisions, IPersonDirectory directory, UiText text) : PageModel
{
    public ApprovalTask Task { get; private set; } = null!;

    /// <summary>People holding the task's role for its facility first, then everyone else.</summary>
    public IReadOnlyList<(Person Person, bool HoldsRole)> Candidates { get; private set; } = [];

    public FormErrors Errors { get; } = new();

    [BindProperty]
    public string? AssigneeId { get; set; }

    [BindProperty]
    public string? Reason { get; set; }

    public async Task<IActionResult> OnGetAsync(string taskId) => await LoadAsync(taskId) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAsync(string taskId)
    {
        if (!await LoadAsync(taskId))
        {
            return NotFound();
        }

        if (string.IsNullOrWhiteSpace(AssigneeId))
        {
            Errors.Add("assigneeId", text["Error.assigneeId.Required"]);
        }

        if (string.IsNullOrWhiteSpace(Reason))
        {
            Errors.Add("reason", text["Error.reason.Required"]);
        }

        if (Errors.Any)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        var result = await decisions.ReassignAsync(taskId, HttpContext.RequireActor(), AssigneeId!, Reason!.Trim(), HttpContext.RequestAborted);
        switch (result.Status)
        {
            case DecisionStatus.Recorded:
                TempData["Status"] = "Status.Reassigned";
                return Redirect("/admin/instances/" + Uri.EscapeDataString(Task.ParentInstanceId ?? Task.InstanceId));
            case DecisionStatus.Invalid:
                Errors.AddAll(result.Errors, text);
                Response.StatusCode = StatusCodes.Status400BadRequest;
                return Page();
            case DecisionStatus.AlreadyDecided:
                Errors.Add("assigneeId", text["Task.AlreadyDecided"]);
                Response.StatusCode = StatusCodes.Status409Conflict;
                return Page();
            default:
                return Forbid();
        }
    }

    private async Task<bool> LoadAsync(string taskId)
    {
        var task = await tasks.GetAsync(taskId, HttpContext.RequestAborted);
        if (task is null)
        {
            return false;
        }

        Task = task;
        var facility = await directory.FindFacilityAsync(task.FacilityId, HttpContext.RequestAborted);
        Candidates = (await directory.ListPeopleAsync(HttpContext.RequestAborted))
            .Where(p => !task.ExcludedUserIds.Contains(p.Id) && p.Id != task.AssigneeId && task.AllowsAssignee(p))
            .Select(p => (p, p.Roles.Any(r => r.Covers(task.Role, task.FacilityId, facility?.RegionId ?? task.RegionId))))
            .OrderByDescending(x => x.Item2).ThenBy(x => x.p.Id, StringComparer.Ordinal)
            .ToList();
        return true;
    }
}
