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
public sealed class PartnersModel(ICaseStore cases, CsoAssignmentService assignments, IPersonDirectory directory, UiText text) : PageModel
{
    /// <summary>The case's core record (no section is read here, so nothing sensitive is read or audited).</summary>
    public CaseRecord Case { get; private set; } = null!;

    /// <summary>The CSO staff on the case: their id, and their name when the directory knows them.</summary>
    public IReadOnlyList<(string Id, string? Name)> Assigned { get; private set; } = [];

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
        return Answer(caseId, result, "Status.PartnerAssigned");
    }

    public async Task<IActionResult> OnPostUnassignAsync(string caseId)
    {
        if (await LoadAsync(caseId) is { } refusal)
        {
            return refusal;
        }

        var result = await assignments.UnassignAsync(caseId, StaffId, Reason, HttpContext.RequireActor(), HttpContext.RequestAborted);
        return Answer(caseId, result, "Status.PartnerUnassigned");
    }

    private IActionResult Answer(string caseId, DecisionResult result, string status)
    {
        switch (result.Status)
        {
            case DecisionStatus.Recorded:
                TempData["Status"] = status;
                return Redirect($"/cases/{Uri.EscapeDataString(caseId)}/partners");
            case DecisionStatus.Invalid:
                // The assign form has one choice for the permit and the person; each person's end form its own reason field.
                var endForm = "reason-" + StaffId;
                Errors.Aliases["permitCaseId"] = "assignment";
                Errors.Aliases["staffId"] = Request.Form.ContainsKey("Assignment") ? "assignment" : endForm;
                Errors.Aliases["reason"] = endForm;
                Errors.AddAll(result.Errors, text);
                Response.StatusCode = StatusCodes.Status400BadRequest;
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
        var record = await cases.GetAsync(caseId, cancellationToken);
        var facility = record is null ? null : await directory.FindFacilityAsync(record.FacilityId, cancellationToken);
        if (record is null || !CaseAccessPolicy.CanSee(actor, record, facility))
        {
            return NotFound();
        }

        if (!CsoAssignmentService.MayStaff(actor, record, facility))
        {
            return Forbid();
        }

        Case = record;
        var people = (await directory.ListPeopleAsync(cancellationToken)).ToDictionary(p => p.Id, StringComparer.Ordinal);
        var onCase = record.Participants.Where(p => Workflows.Roles.Partners.Contains(p.Role)).Select(p => p.PersonId).ToHashSet(StringComparer.Ordinal);
        // Someone the directory no longer lists (left the CSO's group) is still on the case until unassigned: shown by id.
        Assigned = onCase.Select(id => (id, people.GetValueOrDefault(id)?.DisplayName)).OrderBy(p => p.Item2 ?? p.id, StringComparer.CurrentCulture).ToList();
        var offers = new List<(PermitOffer, string, Person)>();
        // The Graph directory has no organisations (their ids are shown); the development directory names them.
        var organisations = (directory as JsonPersonDirectory)?.Organisations ?? [];
        var permits = await assignments.OffersAsync(record.FacilityId, cancellationToken);
        Permits = permits.Count;
        foreach (var permit in permits)
        {
            var organisation = organisations.FirstOrDefault(o => o.Id == permit.OrganisationId)?.Name ?? permit.OrganisationId;
            // Only people the assignment would accept: CSO roles of the permit's organisation and no prison role.
            offers.AddRange(permit.StaffIds.Where(id => !onCase.Contains(id)).Select(id => people.GetValueOrDefault(id)).OfType<Person>()
                .Where(p => p.Roles.All(g => Workflows.Roles.Partners.Contains(g.Role)) && p.Roles.Any(g => g.ScopeId == permit.OrganisationId))
                .Select(p => (permit, organisation, p)));
        }

        Offers = offers;
        return null;
    }
}
