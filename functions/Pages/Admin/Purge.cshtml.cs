using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Workflows.Engine;
using Workflows.Engine.Client;
using Workflows.Functions.Management;
using Workflows.Functions.Ui;

namespace Workflows.Functions.Pages.Admin;

/// <summary>
/// Purge by filter, from the instance list: GET counts the finished instances the list's filters match and asks
/// for a reason; only the POST (anti-forgery, administrators) purges them, through <see cref="FilteredPurge"/>
/// (so the facility and case filters hold too, and every instance deleted is audited in its case's trail).
/// </summary>
public sealed class PurgeModel(OrchestrationClient client, FilteredPurge purge, UiText text) : InstanceFilterPage
{
    /// <summary>The most instances one confirmation purges; the list then says more remain.</summary>
    public const int MaxPerConfirmation = 1000;

    private static readonly OrchestrationRuntimeStatus[] Finished =
        [OrchestrationRuntimeStatus.Completed, OrchestrationRuntimeStatus.Failed, OrchestrationRuntimeStatus.Terminated, OrchestrationRuntimeStatus.Canceled];

    public FormErrors Errors { get; } = new();

    /// <summary>How many finished instances the filters match (null when the filters are refused).</summary>
    public long? Matching { get; private set; }

    /// <summary>Why the filters cannot be purged (a text key), or null.</summary>
    public string? Refusal { get; private set; }

    [BindProperty]
    public string? Reason { get; set; }

    /// <summary>The instance list with the same filters.</summary>
    public string ListLink => "/admin/instances" + InstanceFilter.QueryString(Filter.QueryPairs());

    public async Task<IActionResult> OnGetAsync()
    {
        var query = FinishedQuery();
        if (query is null)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        Matching = await client.CountInstancesAsync(query, HttpContext.RequestAborted);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var query = FinishedQuery();
        if (string.IsNullOrWhiteSpace(Reason))
        {
            Errors.Add("reason", text["Error.reason.Required"]);
        }

        if (query is null || Errors.Any)
        {
            if (query is not null)
            {
                Matching = await client.CountInstancesAsync(query, HttpContext.RequestAborted);
            }

            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        var reason = Reason!.Trim();
        var (deleted, more) = await purge.PurgeAsync(
            HttpContext,
            query,
            MaxPerConfirmation,
            reason,
            count => $"{count.ToString(CultureInfo.InvariantCulture)} ({InstanceFilter.QueryString(Filter.QueryPairs())}): {reason}");

        TempData["Purged"] = deleted;
        TempData["PurgeMoreRemaining"] = more;
        return Redirect(ListLink);
    }

    /// <summary>The list's query narrowed to finished instances, or null (with <see cref="Refusal"/>) when the filters cannot be purged.</summary>
    private InstanceQuery? FinishedQuery()
    {
        var filter = Filter;
        var query = filter.ToQuery(new FormErrors(), text);
        var chosen = filter.Statuses();
        var finished = chosen.Count == 0 ? [.. Finished] : chosen.Where(s => s.IsTerminal()).ToList();
        Refusal = query is null ? "Purge.BadFilter" : !filter.Any ? "Purge.NoFilter" : finished.Count == 0 ? "Purge.OnlyLive" : null;
        return Refusal is null ? query! with { RuntimeStatus = finished } : null;
    }
}
