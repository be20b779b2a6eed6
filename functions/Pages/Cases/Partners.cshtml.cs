using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Workflows.Approvals;
using Workflows.Cases;
using Workflows.CsoAccess;
using Workflows.Functions.Auth;
using Workflows.Functions.Ui;
using Workflows.People;

namespace Workflows.Functions.Pages.Cases;

/// <summary>
/// The CSO staff assigned to a prisoner's case: prison programme staff assign a staff member vetted under an
/// active permit covering the prison, or end an assignment with a reason (both audited by the domain).
/// </summary>
public sealed class PartnersModel(CaseReadService cases, CsoAssignmentService assignments, IPersonDirectory directory, UiText text) : PageModel
{
    private static readonly string[] PartnerRoles = [Workflows.Roles.CsoFocalPoint, Workflows.Roles.CsoStaff];

    public CaseView View { get; private set; } = null!;

    /// <summary>The CSO staff on the case, with their names.</summary>
    public IReadOnlyList<Person> Assigned { get; private set; } = [];

    /// <summary>Who may be assigned: (permit, organisation name, person) for staff not yet on the case.</summary>
    public IReadOnlyList<(PermitOffer Permit, string Organisation, Person Person)> Offers { get; private set; } = [];

    /// <summary>How many active permits cover the prison (whether or not their staff are all on the case).</summary>
    public int Permits { get; private set; }

    public FormErrors Errors { get; } = new();

    /// <summary>The chosen offer: "{permitCaseId}|{staffId}".</summary>
    [BindProperty]
    public string? Assignment { get; set; }

    [BindProperty]
    public string? StaffId { get; set; }

    [BindProperty]
    public string? Reason { get; set; }

    public async Task<IActionResult> OnGetAsync(string caseId) => await LoadAsync(caseId) is { } refusal ? refusal : Page();

    public async Task<IActionResult> OnPostAssignAsync(string caseId)
    {
        if (await LoadAsync(caseId) is { } refusal)
        {
            return refusal;
        }

        var parts = (Assignment ?? string.Empty).Split('|');
        if (parts.Length != 2)
        {
            Errors.Add("assignment", text["Error.assignment.Required"]);
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        var result = await assignments.AssignAsync(caseId, parts[0], parts[1], HttpContext.RequireActor(), HttpContext.RequestAborted);
        return await AnswerAsync(caseId, result, "Status.PartnerAssigned");
    }

    public async Task<IActionResult> OnPostUnassignAsync(string caseId)
    {
        if (await LoadAsync(caseId) is { } refusal)
        {
            return refusal;
        }

        var result = await assignments.UnassignAsync(caseId, StaffId, Reason, HttpContext.RequireActor(), HttpContext.RequestAborted);
        return await AnswerAsync(caseId, result, "Status.PartnerUnassigned");
    }

    private async Task<IActionResult> AnswerAsync(string caseId, DecisionResult result, string status)
    {
        switch (result.Status)
        {
            case DecisionStatus.Recorded:
                TempData["Status"] = status;
                return Redirect($"/cases/{Uri.EscapeDataString(caseId)}/partners");
            case DecisionStatus.Invalid:
                // The assign form has one choice for the permit and the person; the end form one reason per person.
                Errors.Aliases["permitCaseId"] = "assignment";
                Errors.Aliases["staffId"] = Request.Form.ContainsKey("Assignment") ? "assignment" : "reason";
                Errors.AddAll(result.Errors, text);
                Response.StatusCode = StatusCodes.Status400BadRequest;
                await LoadAsync(caseId);
                return Page();
            default:
                return Forbid();
        }
    }

    /// <summary>Loads the case and the choices; a refusal when the case is not the actor's to see or to staff.</summary>
    private async Task<IActionResult?> LoadAsync(string caseId)
    {
        var actor = HttpContext.RequireActor();
        var cancellationToken = HttpContext.RequestAborted;
        var view = await cases.ReadAsync(caseId, actor, cancellationToken);
        if (view is null)
        {
            return NotFound();
        }

        var facility = await directory.FindFacilityAsync(view.Case.FacilityId, cancellationToken);
        if (!MayAssign(actor, view.Case, facility))
        {
            return Forbid();
        }

        View = view;
        var people = (await directory.ListPeopleAsync(cancellationToken)).ToDictionary(p => p.Id, StringComparer.Ordinal);
        var onCase = view.Case.Participants.Where(p => PartnerRoles.Contains(p.Role)).Select(p => p.PersonId).ToHashSet(StringComparer.Ordinal);
        Assigned = onCase.Select(id => people.GetValueOrDefault(id)).OfType<Person>().OrderBy(p => p.DisplayName, StringComparer.CurrentCulture).ToList();
        var offers = new List<(PermitOffer, string, Person)>();
        // The Graph directory has no organisations (their ids are shown); the development directory names them.
        var organisations = (directory as JsonPersonDirectory)?.Organisations ?? [];
        var permits = await assignments.OffersAsync(view.Case.FacilityId, cancellationToken);
        Permits = permits.Count;
        foreach (var permit in permits)
        {
            var organisation = organisations.FirstOrDefault(o => o.Id == permit.OrganisationId)?.Name ?? permit.OrganisationId;
            offers.AddRange(permit.StaffIds.Where(id => !onCase.Contains(id)).Select(id => people.GetValueOrDefault(id)).OfType<Person>().Select(p => (permit, organisation, p)));
        }

        Offers = offers;
        return null;
    }

    /// <summary>Whether the case is a prisoner's case the actor may staff (the domain checks again on every change).</summary>
    public static bool MayAssign(Actor actor, CaseRecord record, Facility? facility)
    {
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(record);
        return CsoAssignmentService.ParticipantWorkflows.Contains(record.Workflow)
            && actor.HasAnyRoleFor(CsoAssignmentService.AssigningRoles, record.FacilityId, facility?.RegionId ?? record.RegionId);
    }
}
