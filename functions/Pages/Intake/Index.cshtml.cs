using Microsoft.AspNetCore.Mvc.RazorPages;
using Workflows.Functions.Auth;
using Workflows.Functions.Ui;

namespace Workflows.Functions.Pages.Intake;

/// <summary>The forms the signed-in person may submit.</summary>
public sealed class IndexModel(IntakeEntitlements entitlements) : PageModel
{
    public IReadOnlyList<string> Forms { get; private set; } = [];

    public async Task OnGetAsync() => Forms = await entitlements.FormsForAsync(HttpContext.RequireActor(), HttpContext.RequestAborted);
}
