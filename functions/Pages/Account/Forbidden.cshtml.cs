using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Workflows.Functions.Pages.Account;

/// <summary>The access-denied page (403).</summary>
public sealed class ForbiddenModel : PageModel
{
    public void OnGet() => Response.StatusCode = StatusCodes.Status403Forbidden;
}
