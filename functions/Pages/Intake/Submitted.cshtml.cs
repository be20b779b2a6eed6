using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Workflows.Cases;
using Workflows.People;
using Workflows.Functions.Auth;

namespace Workflows.Functions.Pages.Intake;

/// <summary>
/// The confirmation after an intake: the case reference. Reads only the core record (no tiered
/// sections, so no sensitive read), for people who may see the case.
/// </summary>
public sealed class SubmittedModel(ICaseStore cases, IPersonDirectory directory) : PageModel
{
    public CaseRecord Case { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(string caseId)
    {
        var record = await cases.GetAsync(caseId, HttpContext.RequestAborted);
        var facility = record is null ? null : await directory.FindFacilityAsync(record.FacilityId, HttpContext.RequestAborted);
        if (record is null || !CaseAccessPolicy.CanSee(HttpContext.RequireActor(), record, facility))
        {
            return NotFound();
        }

        Case = record;
        return Page();
    }
}
