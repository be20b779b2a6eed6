using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Workflows.Audit;
using Workflows.Cases;
using Workflows.Functions.Auth;

namespace Workflows.Functions.Pages.Cases;

/// <summary>
/// The audit trail of a case for inspectors and data-protection officers (read-only), with the hash
/// chain's verification result. Same checks as <c>GET /api/cases/{id}/audit</c>: the Auditor policy and
/// the read service's own entitlement check.
/// </summary>
[Authorize(Policy = AccessPolicies.Auditor)]
public sealed class AuditModel(CaseReadService cases) : PageModel
{
    public AuditTrail Trail { get; private set; } = null!;

    public string CaseId { get; private set; } = string.Empty;

    public async Task<IActionResult> OnGetAsync(string caseId)
    {
        var trail = await cases.ReadAuditAsync(caseId, HttpContext.RequireActor(), HttpContext.RequestAborted);
        if (trail is null)
        {
            return NotFound();
        }

        Trail = trail;
        CaseId = caseId;
        return Page();
    }
}
