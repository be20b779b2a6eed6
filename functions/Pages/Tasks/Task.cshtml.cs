using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Workflows.Approvals;
using Workflows.Cases;
using Workflows.CsoAccess;
using Workflows.People;
using Workflows.Functions.Auth;
using Workflows.Functions.Ui;

namespace Workflows.Functions.Pages.Tasks;

/// <summary>
/// One task: what the approver may see of the case (only readable tiers; sensitive reads are audited by
/// the read service), the decisions so far on the case (on the step only when the case is not readable), and the decision, delegation or clarification
/// answer — all through <see cref="ApprovalDecisionService"/>, like every other channel.
/// </summary>
public sealed class TaskModel(IApprovalTaskStore tasks, ApprovalDecisionService decisions, CaseReadService cases, IPersonDirectory directory, TimeProvider time, UiText text) : PageModel
{
    public ApprovalTask Task { get; private set; } = null!;

    public CaseView? Case { get; private set; }

    public IReadOnlyList<ApprovalTask> Decisions { get; private set; } = [];

    public ApprovalTask? Question { get; private set; }

    public IReadOnlyList<Person> DelegateCandidates { get; private set; } = [];

    public IReadOnlyDictionary<string, string> People { get; private set; } = new Dictionary<string, string>();

    public bool CanDecide { get; private set; }

    public bool CanDelegate { get; private set; }

    public bool CanAnswer { get; private set; }

    public bool IsAdministrator { get; private set; }

    public DateTimeOffset Now { get; private set; }

    public FormErrors Errors { get; } = new();

    /// <summary>The attribute an approval with conditions records how long they last in.</summary>
    public const string ConditionDuration = ReadAccessConditionsActivity.DurationAttribute;

    /// <summary>
    /// The optional attributes of an approval with conditions (safeguard 11): the legal basis and how long the
    /// conditions last; offered where the step takes conditions, unless the step requires them anyway.
    /// </summary>
    public IReadOnlyList<string> ConditionAttributes { get; private set; } = [];

    /// <summary>The decision kinds this task offers.</summary>
    public IReadOnlyList<DecisionKind> Kinds { get; private set; } = [];

    [BindProperty]
    public string? Decision { get; set; }

    [BindProperty]
    public string? Comment { get; set; }

    [BindProperty]
    public List<string> ReasonCodes { get; set; } = [];

    [BindProperty]
    public string? Conditions { get; set; }

    [BindProperty]
    public Dictionary<string, string> Attributes { get; set; } = [];

    [BindProperty]
    public string? DelegateId { get; set; }

    [BindProperty]
    public string? DelegateComment { get; set; }

    [BindProperty]
    public string? Answer { get; set; }

    public async Task<IActionResult> OnGetAsync(string taskId) => await LoadAsync(taskId) ? Page() : NotFound();

    public async Task<IActionResult> OnPostDecideAsync(string taskId)
    {
        if (!await LoadAsync(taskId))
        {
            return NotFound();
        }

        if (!Enum.TryParse<DecisionKind>(Decision, out var kind) || !Enum.IsDefined(kind) || int.TryParse(Decision, System.Globalization.CultureInfo.InvariantCulture, out _))
        {
            Errors.Add("decision", text["Error.decision.Required"]);
            return Invalid();
        }

        var result = await decisions.DecideAsync(
            new DecisionCommand
            {
                TaskId = taskId,
                Actor = HttpContext.RequireActor(),
                Decision = kind,
                Comment = string.IsNullOrWhiteSpace(Comment) ? null : Comment,
                ReasonCodes = ReasonCodes,
                Conditions = (Conditions ?? string.Empty).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries),
                // The conditions' own attributes go only with conditions.
                Attributes = Attributes
                    .Where(a => !string.IsNullOrWhiteSpace(a.Value) && (kind == DecisionKind.ApproveWithConditions || !ConditionAttributes.Contains(a.Key)))
                    .ToDictionary(a => a.Key, a => a.Value.Trim(), StringComparer.Ordinal),
                Channel = DecisionChannel.Web,
            },
            HttpContext.RequestAborted);
        return Done(result, "Status.DecisionRecorded");
    }

    public async Task<IActionResult> OnPostDelegateAsync(string taskId)
    {
        if (!await LoadAsync(taskId))
        {
            return NotFound();
        }

        if (string.IsNullOrWhiteSpace(DelegateId))
        {
            Errors.Add("delegateId", text["Error.delegateId.Required"]);
            return Invalid();
        }

        var result = await decisions.DelegateAsync(taskId, HttpContext.RequireActor(), DelegateId, DelegateComment, HttpContext.RequestAborted);
        return Done(result, "Status.Delegated");
    }

    public async Task<IActionResult> OnPostAnswerAsync(string taskId)
    {
        if (!await LoadAsync(taskId))
        {
            return NotFound();
        }

        var result = await decisions.AnswerClarificationAsync(taskId, HttpContext.RequireActor(), Answer ?? string.Empty, HttpContext.RequestAborted);
        return Done(result, "Status.Answered");
    }

    private IActionResult Done(DecisionResult result, string status)
    {
        switch (result.Status)
        {
            case DecisionStatus.Recorded:
                TempData["Status"] = status;
                return RedirectToPage("/Tasks/Index");
            case DecisionStatus.Invalid:
                Errors.AddAll(result.Errors, text);
                return Invalid();
            case DecisionStatus.AlreadyDecided:
                Errors.Add("decision", text["Task.AlreadyDecided"]);
                Response.StatusCode = StatusCodes.Status409Conflict;
                return Page();
            case DecisionStatus.NotFound:
                return NotFound();
            default:
                Errors.Add("decision", text["Task.NotEntitled"]);
                Response.StatusCode = StatusCodes.Status403Forbidden;
                return Page();
        }
    }

    private PageResult Invalid()
    {
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }

    private async Task<bool> LoadAsync(string taskId)
    {
        var actor = HttpContext.RequireActor();
        var cancellationToken = HttpContext.RequestAborted;
        var task = await tasks.GetAsync(taskId, cancellationToken);
        IsAdministrator = actor.HasRole(Workflows.Roles.SystemAdministrator);
        if (task is null || !(task.AssigneeId == actor.UserId || task.DelegateId == actor.UserId || task.RequesterId == actor.UserId || IsAdministrator))
        {
            return false;
        }

        Task = task;
        Now = time.GetUtcNow();
        var entitled = (task.AssigneeId == actor.UserId || task.DelegateId == actor.UserId) && !task.ExcludedUserIds.Contains(actor.UserId);
        CanDecide = task.IsOpen && task.Kind == ApprovalTaskKind.Approval && entitled;
        CanDelegate = CanDecide && task.AssigneeId == actor.UserId;
        CanAnswer = task.IsOpen && task.Kind == ApprovalTaskKind.Clarification && task.AssigneeId == actor.UserId;
        var kinds = new List<DecisionKind> { DecisionKind.Approve };
        if (task.AllowConditions)
        {
            kinds.Add(DecisionKind.ApproveWithConditions);
        }

        kinds.Add(DecisionKind.Reject);
        if (task.VetoAllowed)
        {
            kinds.Add(DecisionKind.Veto);
        }

        if (task.AllowClarification)
        {
            kinds.Add(DecisionKind.ReturnForClarification);
        }

        Kinds = kinds;
        ConditionAttributes = task.AllowConditions
            ? [.. new[] { ReadAccessConditionsActivity.LegalBasisAttribute, ConditionDuration }.Where(a => !task.RequiredAttributes.Contains(a))]
            : [];
        Case = await cases.ReadAsync(task.CaseId, actor, cancellationToken);

        // The case's decisions to whoever may read the case (the case page shows them too); else this step's only.
        var decided = Case is null
            ? (await tasks.ListByInstanceAsync(task.InstanceId, cancellationToken)).Where(t => t.Step == task.Step)
            : await tasks.ListByCaseAsync(task.CaseId, cancellationToken);
        Decisions = decided.Where(t => t.DecidedAt is not null && t.Kind == ApprovalTaskKind.Approval).OrderBy(t => t.DecidedAt).ToList();
        if (task is { Kind: ApprovalTaskKind.Clarification, RelatedTaskId: { } related })
        {
            Question = await tasks.GetAsync(related, cancellationToken);
        }

        var people = await directory.ListPeopleAsync(cancellationToken);
        People = people.ToDictionary(p => p.Id, p => p.DisplayName, StringComparer.Ordinal);
        if (CanDelegate)
        {
            var facility = await directory.FindFacilityAsync(task.FacilityId, cancellationToken);
            DelegateCandidates = people
                .Where(p => p.Id != actor.UserId && !task.ExcludedUserIds.Contains(p.Id) && task.AllowsAssignee(p) && p.Roles.Any(r => r.Covers(task.Role, task.FacilityId, facility?.RegionId ?? task.RegionId)))
                .ToList();
        }

        return true;
    }

    /// <summary>
    /// The values the step's policy allows for an attribute, offered as a choice; empty for a free-text
    /// attribute. A task opened before its row carried the values still offers the risk levels.
    /// </summary>
    public IReadOnlyList<string> AllowedValues(string attribute) =>
        Task.AttributeValues.TryGetValue(attribute, out var values) && values.Count > 0 ? values
        : attribute == "riskLevel" ? Intake.PreReleaseModel.RiskLevels
        : [];

    /// <summary>The label of an allowed value: the text of <c>{Attribute}.{value}</c> (e.g. <c>RiskLevel.High</c>), else the value itself.</summary>
    public string ValueLabel(string attribute, string value) => attribute.Length == 0 ? value : text.Code(char.ToUpperInvariant(attribute[0]) + attribute[1..], value);

    /// <summary>The display name of a person id (the id when unknown).</summary>
    public string PersonName(string? id) => id is null ? string.Empty : People.GetValueOrDefault(id, id);
}
