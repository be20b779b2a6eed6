using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Workflows.Approvals;
using Workflows.People;
using Workflows.Functions.Approvals;
using Workflows.Functions.Hosting;

namespace Workflows.Functions.Pages.Approvals;

/// <summary>
/// The page an approval link opens. GET only shows the task and a confirmation form (mail scanners
/// open links); the POST, with an anti-forgery token, records the decision through the same decision
/// service as every other channel.
/// </summary>
[AllowAnonymous]
[EnableRateLimiting(RateLimits.PublicEntry)]
public sealed class DecideModel(ApprovalLinkService links, ApprovalDecisionService decisions, IPersonDirectory directory) : PageModel
{
    /// <summary>The task, when the link is valid.</summary>
    public ApprovalTask? Task { get; private set; }

    /// <summary>Whether the form is shown.</summary>
    public bool CanDecide { get; private set; }

    /// <summary>A message about the link or the decision.</summary>
    public string? Outcome { get; private set; }

    /// <summary>Whether <see cref="Outcome"/> reports a problem.</summary>
    public bool OutcomeIsError { get; private set; }

    /// <summary>The chosen decision.</summary>
    [BindProperty]
    public string? Decision { get; set; }

    /// <summary>The comment.</summary>
    [BindProperty]
    public string? Comment { get; set; }

    /// <summary>An error on the comment field.</summary>
    public string? CommentError { get; private set; }

    /// <summary>Shows the task; changes nothing.</summary>
    public async Task<IActionResult> OnGetAsync(string token, string? decision)
    {
        Decision = decision is "reject" ? "reject" : "approve";
        var (status, task, approverId) = await links.ResolveAsync(token, HttpContext.RequestAborted);
        return await ShowAsync(status, task, approverId);
    }

    /// <summary>Records the decision.</summary>
    public async Task<IActionResult> OnPostAsync(string token)
    {
        var (status, task, approverId) = await links.ResolveAsync(token, HttpContext.RequestAborted);
        if (status != ApprovalLinkStatus.Valid || task is null || approverId is null)
        {
            return await ShowAsync(status, task, approverId);
        }

        if (await SignInProblemAsync(approverId) is { } problem)
        {
            return problem;
        }

        if (Decision is not ("approve" or "reject"))
        {
            Task = task;
            CanDecide = true;
            Decision = "approve";
            return Answer(StatusCodes.Status400BadRequest, "Choose approve or reject.", isError: true);
        }

        var person = await directory.FindAsync(approverId, HttpContext.RequestAborted);
        if (person is null)
        {
            return Answer(StatusCodes.Status403Forbidden, "This link's approver is no longer in the directory; nothing was changed.", isError: true);
        }

        var result = await decisions.DecideAsync(
            new DecisionCommand
            {
                TaskId = task.TaskId,
                Actor = person.ToActor(),
                Decision = Decision == "reject" ? DecisionKind.Reject : DecisionKind.Approve,
                Comment = Comment,
                Channel = DecisionChannel.Email,
            },
            HttpContext.RequestAborted);
        switch (result.Status)
        {
            case DecisionStatus.Recorded:
                await links.MarkUsedAsync(token, HttpContext.RequestAborted);
                return Answer(StatusCodes.Status200OK, "Your decision has been recorded. You can close this page.", isError: false);
            case DecisionStatus.Invalid:
                Task = task;
                CanDecide = true;
                CommentError = result.Errors?.FirstOrDefault(e => e.Field == "comment")?.Message;
                return Answer(StatusCodes.Status400BadRequest, "Please correct the form.", isError: true);
            case DecisionStatus.AlreadyDecided:
                return Answer(StatusCodes.Status409Conflict, "This task has already been decided; nothing was changed.", isError: true);
            default:
                return Answer(StatusCodes.Status403Forbidden, "You may no longer decide this task; nothing was changed.", isError: true);
        }
    }

    private async Task<IActionResult> ShowAsync(ApprovalLinkStatus status, ApprovalTask? task, string? approverId)
    {
        switch (status)
        {
            case ApprovalLinkStatus.Valid:
                if (await SignInProblemAsync(approverId!) is { } problem)
                {
                    return problem;
                }

                Task = task;
                CanDecide = true;
                return Page();
            case ApprovalLinkStatus.Expired:
                return Answer(StatusCodes.Status410Gone, "This link has expired. Open the task from your inbox instead.", isError: true);
            case ApprovalLinkStatus.Used:
                return Answer(StatusCodes.Status410Gone, "This link has already been used. Each link works once.", isError: true);
            case ApprovalLinkStatus.TaskClosed:
                return Answer(StatusCodes.Status409Conflict, "This task has already been decided or closed; nothing was changed.", isError: true);
            case ApprovalLinkStatus.Reassigned:
                return Answer(StatusCodes.Status403Forbidden, "This task has been reassigned to someone else; the link no longer works for you.", isError: true);
            default:
                return Answer(StatusCodes.Status404NotFound, "This link is not valid. Check that you copied the whole address.", isError: true);
        }
    }

    private Task<IActionResult?> SignInProblemAsync(string approverId)
    {
        if (!links.RequireSignIn)
        {
            return System.Threading.Tasks.Task.FromResult<IActionResult?>(null);
        }

        if (User.Identity?.IsAuthenticated != true)
        {
            return System.Threading.Tasks.Task.FromResult<IActionResult?>(Challenge());
        }

        var signedIn = User.FindAll(ClaimTypes.NameIdentifier).Select(c => c.Value).LastOrDefault();
        return System.Threading.Tasks.Task.FromResult<IActionResult?>(signedIn == approverId
            ? null
            : Answer(StatusCodes.Status403Forbidden, "This link belongs to another approver. Sign in as the person it was sent to.", isError: true));
    }

    private PageResult Answer(int status, string message, bool isError)
    {
        Outcome = message;
        OutcomeIsError = isError;
        Response.StatusCode = status;
        return Page();
    }
}
