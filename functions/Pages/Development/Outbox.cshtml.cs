using Workflows.Functions.Auth;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Workflows.Functions.Notifications.Outbox;

namespace Workflows.Functions.Pages.Development;

/// <summary>
/// Development only: the notifications that would have been sent (emails and Teams cards), newest first,
/// with their links, so a developer can act as any recipient. Not found in any other environment.
/// </summary>
public sealed class OutboxModel(IWebHostEnvironment environment) : PageModel
{
    private const int PageSize = 100;

    public IReadOnlyList<OutboxMessage> Messages { get; private set; } = [];

    /// <summary>Person id filter; "me" (the default for a signed-in person) is the signed-in person.</summary>
    [BindProperty(SupportsGet = true)]
    public string? Recipient { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? CaseId { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Channel { get; set; }

    public string? SignedInPerson { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (!environment.IsDevelopment() || HttpContext.RequestServices.GetService<IOutboxStore>() is not { } outbox)
        {
            return NotFound();
        }

        SignedInPerson = User.ToActor()?.UserId;
        Recipient = string.IsNullOrWhiteSpace(Recipient) ? null : Recipient.Trim();
        CaseId = string.IsNullOrWhiteSpace(CaseId) ? null : CaseId.Trim();
        Channel = Channel is "Email" or "Teams" ? Channel : null;
        var recipient = Recipient == "me" ? SignedInPerson : Recipient;
        Messages = await outbox.ListAsync(new OutboxQuery(recipient, CaseId, null, Channel, PageSize), cancellationToken).ConfigureAwait(false);
        return Page();
    }
}
