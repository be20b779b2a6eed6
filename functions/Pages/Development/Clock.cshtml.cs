using System.Xml;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Workflows.Functions.Development;
using Workflows.Functions.Ui;

namespace Workflows.Functions.Pages.Development;

/// <summary>Development only: the development clock, moved forward so that timers (reminders, escalations) due in the span fire now.</summary>
public sealed class ClockModel(IWebHostEnvironment environment, UiText text) : PageModel
{
    public static readonly string[] Presets = ["PT1H", "P1D", "P3D", "P7D", "P14D", "P31D"];

    public DateTimeOffset Now { get; private set; }

    public DateTimeOffset RealNow { get; private set; }

    public TimeSpan Offset { get; private set; }

    public FormErrors Errors { get; } = new();

    [BindProperty]
    public string? By { get; set; }

    public IActionResult OnGet() => Load() is { } clock ? Page() : NotFound();

    public IActionResult OnPost()
    {
        if (Load() is not { } clock)
        {
            return NotFound();
        }

        TimeSpan span;
        try
        {
            span = XmlConvert.ToTimeSpan((By ?? string.Empty).Trim());
        }
        catch (FormatException)
        {
            span = TimeSpan.Zero;
        }

        if (span <= TimeSpan.Zero || span > TimeSpan.FromDays(3660))
        {
            Errors.Add("by", text["Error.by.Invalid"]);
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        clock.Advance(span);
        TempData["Status"] = "Status.ClockAdvanced";
        return RedirectToPage();
    }

    private DevelopmentClock? Load()
    {
        var clock = environment.IsDevelopment() ? HttpContext.RequestServices.GetService<DevelopmentClock>() : null;
        if (clock is not null)
        {
            Now = clock.GetUtcNow();
            RealNow = TimeProvider.System.GetUtcNow();
            Offset = clock.Offset;
        }

        return clock;
    }
}
