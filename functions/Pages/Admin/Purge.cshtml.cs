using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Workflows.Engine;
using Workflows.Engine.Client;
using Workflows.Functions.Management;
using Workflows.Functions.Ui;

namespace Workflows.Functions.Pages.Admin;

/// <summary>
/// Purge by filter, from the instance list: GET counts the finished instances the list's filters match and asks
/// for a reason; only the POST (anti-forgery, administrators) purges them. It walks the engine's query (so the
/// facility and case filters hold too) and purges each instance through the engine, which deletes only finished
/// ones; every instance deleted is audited in its case's trail, and the whole purge in the system stream.
/// </summary>
public sealed class PurgeModel(OrchestrationClient client, ManagementAudit audit, UiText text) : PageModel
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

    [BindProperty]
    public string? Reason { get; set; }

    public InstanceFilter Filter => new(Name, RuntimeStatus, CreatedFrom, CreatedTo, Facility, CaseReference);

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

        var cancellationToken = HttpContext.RequestAborted;
        var reason = Reason!.Trim();
        var deleted = 0;
        string? token = null;
        var more = false;
        do
        {
            var page = await client.QueryInstancesAsync(query with { PageSize = 100, ContinuationToken = token }, cancellationToken);
            foreach (var instance in page.Instances)
            {
                if (deleted == MaxPerConfirmation)
                {
                    more = true;
                    break;
                }

                // The engine deletes only a finished instance (0 when it has been restarted meanwhile): only real purges are audited.
                if ((await client.PurgeInstanceAsync(instance.InstanceId, cancellationToken)).InstancesDeleted == 1)
                {
                    deleted++;
                    await audit.RecordWithStateAsync(HttpContext, "purge", instance, reason);
                }
            }

            token = page.ContinuationToken;
            more |= deleted == MaxPerConfirmation && token is not null;
        }
        while (token is not null && !more);

        if (deleted > 0)
        {
            await audit.RecordAsync(HttpContext, "purge-by-filter", null, $"{deleted.ToString(CultureInfo.InvariantCulture)} ({InstanceFilter.QueryString(Filter.QueryPairs())}): {reason}");
        }

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
