using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Workflows.Functions.Pages.Admin;

/// <summary>
/// A page that takes the instance list's filters from its query string (the list itself and purge by filter),
/// so that a filter added to one is a filter of both.
/// </summary>
public abstract class InstanceFilterPage : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? Name { get; set; }

    [BindProperty(SupportsGet = true)]
    public List<string> RuntimeStatus { get; set; } = [];

    [BindProperty(SupportsGet = true)]
    public string? CreatedFrom { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? CreatedTo { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Facility { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? CaseReference { get; set; }

    public InstanceFilter Filter => new(Name, RuntimeStatus, CreatedFrom, CreatedTo, Facility, CaseReference);
}
