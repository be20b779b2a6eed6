using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Workflows.Functions.Ui;

namespace Workflows.Functions.Pages.Intake;

/// <summary>
/// What every intake form shares: the error list, an idempotency key per form (a repeated submission
/// starts nothing new), and the answer to an intake result (confirmation page, or the errors in place).
/// </summary>
public abstract class IntakePageModel(UiText text) : PageModel
{
    public FormErrors Errors { get; } = new();

    protected UiText Text => text;

    /// <summary>Generated when the form is shown; the domain derives the case reference from it.</summary>
    [BindProperty]
    public string? ClientRequestId { get; set; }

    /// <summary>Shows the empty form with a new idempotency key, or 403 when the person may submit it for nowhere.</summary>
    public async Task<IActionResult> OnGetAsync()
    {
        if (!await LoadFormAsync())
        {
            return Forbid();
        }

        ClientRequestId = Guid.NewGuid().ToString("N");
        return Page();
    }

    /// <summary>Loads what the form offers (facilities, organisations, codes); false when it offers the person nothing.</summary>
    protected abstract Task<bool> LoadFormAsync();

    /// <summary>Redirects to the confirmation, or shows the errors next to their fields (400).</summary>
    protected async Task<IActionResult> AnswerAsync(IntakeResult result, string entitlementField, Func<Task> reload)
    {
        ArgumentNullException.ThrowIfNull(result);
        if (result.Status == IntakeStatus.Started)
        {
            return RedirectToPage("/Intake/Submitted", new { caseId = result.CaseId });
        }

        if (result.Status == IntakeStatus.NotEntitled)
        {
            Errors.Add(entitlementField, text["Intake.NotEntitled"]);
        }
        else
        {
            Errors.AddAll(result.Errors, text);
        }

        return await InvalidAsync(reload);
    }

    /// <summary>Shows the form again with its errors (400); nothing was written.</summary>
    protected async Task<IActionResult> InvalidAsync(Func<Task> reload)
    {
        ArgumentNullException.ThrowIfNull(reload);
        await reload();
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }

    /// <summary>Parses a date input (<c>yyyy-MM-dd</c>); adds an error when the text is not a date.</summary>
    protected DateOnly? ParseDate(string field, string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        if (DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            return date;
        }

        Errors.Add(field, text["Error.Date"]);
        return null;
    }

    protected static string? Trimmed(string? value) => string.IsNullOrWhiteSpace(value) ? value : value.Trim();
}
