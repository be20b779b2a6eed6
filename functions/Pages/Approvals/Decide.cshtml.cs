using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;
using Workflows.Approvals;
using Workflows.People;
using Workflows.Functions.Approvals;
using Workflows.Functions.Hosting;
using Workflows.Functions.Notifications;
using Workflows.Functions.Ui;

namespace Workflows.Functions.Pages.Approvals;

/// <summary>
/// The page an approval link opens. GET only shows the task and a confirmation form (mail scanners
/// open links); the POST, with an anti-forgery token, records the decision through the same decision
/// service as every other channel. The form offers the step's behavioural reasons (never a religion,
/// ethnicity or nationality code), which a rejection needs where it acts as a veto. Whoever holds only the
/// link (a forwarded email, a mail scanner) sees the case facts the messages may show
/// (<c>Workflows:Notifications:MessageFacts</c>); the workflow and the due date beyond those only once
/// signed in as the approver.
/// </summary>
[AllowAnonymous]
[EnableRateLimiting(RateLimits.PublicEntry)]
public sealed class DecideModel(
    ApprovalLinkService links,
    ApprovalDecisionService decisions,
    IPersonDirectory directory,
    IOptions<NotificationOptions> notifications,
    UiText text) : PageModel
{
    private string? _approverId;

    /// <summary>The task, when the link is valid.</summary>
    public ApprovalTask? Task { get; private set; }

    /// <summary>Whether the form is shown.</summary>
    public bool CanDecide { get; private set; }

    /// <summary>The text key of a message about the link or the decision.</summary>
    public string? Outcome { get; private set; }

    /// <summary>Whether <see cref="Outcome"/> reports a problem.</summary>
    public bool OutcomeIsError { get; private set; }

    /// <summary>The chosen decision.</summary>
    [BindProperty]
    public string? Decision { get; set; }

    /// <summary>The comment.</summary>
    [BindProperty]
    public string? Comment { get; set; }

    /// <summary>The chosen reason codes.</summary>
    [BindProperty]
    public List<string> ReasonCodes { get; set; } = [];

    /// <summary>The errors of the submitted form, each shown next to its field.</summary>
    public FormErrors Errors { get; } = new();

    /// <summary>Whether the page names the task's workflow.</summary>
    public bool ShowsWorkflow => notifications.Value.MessageFacts.HasFlag(MessageFacts.Workflow) || SignedInAsApprover;

    /// <summary>Whether the page shows the task's due date.</summary>
    public bool ShowsDue => notifications.Value.MessageFacts.HasFlag(MessageFacts.Due) || SignedInAsApprover;

    private bool SignedInAsApprover =>
        _approverId is not null && User.Identity?.IsAuthenticated == true
        && User.FindAll(ClaimTypes.NameIdentifier).Select(c => c.Value).LastOrDefault() == _approverId;

    /// <summary>The reason codes the form offers: the step's catalogue without any code the domain forbids.</summary>
    public IReadOnlyList<string> Reasons => Task is null ? [] : Workflows.ReasonCodes.Offerable(Task.ReasonCatalogue);

    /// <summary>Shows the task; changes nothing.</summary>
    public async Task<IActionResult> OnGetAsync(string token, string? decision)
    {
        Decision = decision is "reject" ? "reject" : "approve";
        var (status, task, approverId) = await links.ResolveAsync(token, HttpContext.RequestAborted);
        _approverId = approverId;
        return await ShowAsync(status, task, approverId);
    }

    /// <summary>Records the decision.</summary>
    public async Task<IActionResult> OnPostAsync(string token)
    {
        var (status, task, approverId) = await links.ResolveAsync(token, HttpContext.RequestAborted);
        _approverId = approverId;
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
            Decision = null;
            Errors.Add("decision", text["Decide.ChooseDecision"]);
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        var person = await directory.FindAsync(approverId, HttpContext.RequestAborted);
        if (person is null)
        {
            return Answer(StatusCodes.Status403Forbidden, "Decide.ApproverGone", isError: true);
        }

        var result = await decisions.DecideAsync(
            new DecisionCommand
            {
                TaskId = task.TaskId,
                Actor = person.ToActor(),
                Decision = Decision == "reject" ? DecisionKind.Reject : DecisionKind.Approve,
                Comment = Comment,
                ReasonCodes = ReasonCodes,
                Channel = DecisionChannel.Email,
            },
            HttpContext.RequestAborted);
        switch (result.Status)
        {
            case DecisionStatus.Recorded:
                await links.MarkUsedAsync(token, HttpContext.RequestAborted);
                return Answer(StatusCodes.Status200OK, "Decide.Recorded", isError: false);
            case DecisionStatus.Invalid:
                Task = task;
                CanDecide = true;
                return Invalid(result.Errors ?? []);
            case DecisionStatus.AlreadyDecided:
                return Answer(StatusCodes.Status409Conflict, "Decide.AlreadyDecided", isError: true);
            default:
                return Answer(StatusCodes.Status403Forbidden, "Decide.NotEntitled", isError: true);
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
                return Answer(StatusCodes.Status410Gone, "Decide.Expired", isError: true);
            case ApprovalLinkStatus.Used:
                return Answer(StatusCodes.Status410Gone, "Decide.Used", isError: true);
            case ApprovalLinkStatus.TaskClosed:
                return Answer(StatusCodes.Status409Conflict, "Decide.TaskClosed", isError: true);
            case ApprovalLinkStatus.Reassigned:
                return Answer(StatusCodes.Status403Forbidden, "Decide.Reassigned", isError: true);
            default:
                return Answer(StatusCodes.Status404NotFound, "Decide.Invalid", isError: true);
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
            : Answer(StatusCodes.Status403Forbidden, "Decide.OtherApprover", isError: true));
    }

    // Errors on the fields of this form are shown next to them; a step that needs more than this form
    // takes (an attribute recorded with an approval) is decided from the task page instead.
    private PageResult Invalid(IReadOnlyList<FieldError> errors)
    {
        Errors.AddAll(errors.Where(e => OnThisForm(e.Field)), text);
        if (errors.Any(e => !OnThisForm(e.Field)))
        {
            return Answer(StatusCodes.Status400BadRequest, "Decide.UseTaskPage", isError: true);
        }

        if (!Errors.Any)
        {
            return Answer(StatusCodes.Status400BadRequest, "Decide.CorrectForm", isError: true);
        }

        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }

    private static bool OnThisForm(string field) => UiText.FieldOf(field) is "decision" or "comment" or "reasonCodes";

    private PageResult Answer(int status, string message, bool isError)
    {
        Outcome = message;
        OutcomeIsError = isError;
        Response.StatusCode = status;
        return Page();
    }
}
