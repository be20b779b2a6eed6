using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Workflows.People;
using Workflows.Engine;
using Workflows.Engine.Client;
using Workflows.Functions.Ui;

namespace Workflows.Functions.Pages.Admin;

/// <summary>
/// The instance list: filters by workflow (orchestration name), status, created range, facility and case
/// reference, each served by the engine's indexes (tags, name, status, created time), and paging with the
/// engine's continuation tokens — never a scan of every instance. Newest first is the index's order; oldest
/// first is offered where the filter matches few enough instances to read them in one engine page.
/// </summary>
/// <remarks>
/// The engine reads one index partition family (the first tag when there are tags, else the name) and the table
/// service applies every other filter to its rows, so a rare workflow at a busy facility costs about one page of
/// index rows. The case tag (one case, a handful of instances) still goes first.
/// </remarks>
public sealed class InstancesModel(OrchestrationClient client, FacilityCatalogue facilities, UiText text) : InstanceFilterPage
{
    /// <summary>The rows per page offered; the first page of 50 unless another is chosen.</summary>
    public static readonly int[] PageSizes = [10, 25, 50, 100];

    public const int DefaultPageSize = 50;

    /// <summary>The orders offered: the engine lists newest first; oldest first reverses what it lists.</summary>
    public static readonly string[] Sorts = ["newest", "oldest"];

    /// <summary>The most instances listed oldest first (see <see cref="OldestFirstListing"/>); more are listed newest first, with a notice.</summary>
    public const int OldestFirstLimit = 1000;

    /// <summary>The orchestration names of the programme workflows (and their approval steps).</summary>
    public static IReadOnlyList<string> Names => Ui.Dashboard.WorkflowOrchestrations.All;

    public IReadOnlyList<OrchestrationState> Instances { get; private set; } = [];

    public IReadOnlyList<Facility> Facilities { get; private set; } = [];

    public string? NextToken { get; private set; }

    public FormErrors Errors { get; } = new();

    /// <summary>When oldest first was asked for and the filter matches too many instances: how many it matches.</summary>
    public long? TooManyForOldestFirst { get; private set; }

    /// <summary>How many instances the last purge by filter deleted (shown once, after its redirect).</summary>
    public int? Purged { get; private set; }

    /// <summary>Whether the last purge by filter stopped at its limit with more finished instances matching.</summary>
    public bool PurgeMoreRemaining { get; private set; }

    [BindProperty(SupportsGet = true)]
    public int? Size { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Sort { get; set; }

    /// <summary>The rows per page in force.</summary>
    public int PageSize => Size is { } size && PageSizes.Contains(size) ? size : DefaultPageSize;

    /// <summary>The order in force: oldest first only when asked for and the filter allows it.</summary>
    public bool OldestFirst { get; private set; }

    [BindProperty(SupportsGet = true, Name = "ct")]
    public string? ContinuationToken { get; set; }

    public async Task OnGetAsync()
    {
        var cancellationToken = HttpContext.RequestAborted;
        Facilities = await facilities.AllAsync(cancellationToken);
        if (TempData["Purged"] is int purged)
        {
            Purged = purged;
            PurgeMoreRemaining = TempData["PurgeMoreRemaining"] is true;
        }

        var query = Filter.ToQuery(Errors, text);
        if (query is null)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return;
        }

        if (Sort == "oldest")
        {
            var oldest = await new OldestFirstListing(client) { Limit = OldestFirstLimit }.ListAsync(query, PageSize, ContinuationToken, cancellationToken);
            if (oldest.Instances is not null)
            {
                OldestFirst = true;
                Instances = oldest.Instances;
                NextToken = oldest.NextToken;
                return;
            }

            TooManyForOldestFirst = oldest.Matching;
        }

        InstancePage page;
        try
        {
            page = await client.QueryInstancesAsync(
                query with { PageSize = PageSize, ContinuationToken = string.IsNullOrEmpty(ContinuationToken) ? null : ContinuationToken },
                cancellationToken);
        }
        catch (OrchestrationException ex) when (ex.ErrorCode == OrchestrationErrorCode.InvalidArgument && !string.IsNullOrEmpty(ContinuationToken))
        {
            // A page link the engine no longer reads (an edited link, or an oldest-first offset once the filter matches
            // too many to list oldest first): the first page, rather than an error.
            ContinuationToken = null;
            page = await client.QueryInstancesAsync(query with { PageSize = PageSize }, cancellationToken);
        }

        Instances = page.Instances;
        NextToken = page.ContinuationToken;
    }

    /// <summary>The query string of a page: the current filters, order and the page's token (null for the first page).</summary>
    public string PageQuery(string? token)
    {
        var query = Filter.QueryPairs();
        query.Add(new("size", PageSize == DefaultPageSize ? null : PageSize.ToString(CultureInfo.InvariantCulture)));
        query.Add(new("sort", Sort == "oldest" ? Sort : null));
        query.Add(new("ct", token));
        return InstanceFilter.QueryString(query);
    }

    /// <summary>The purge by filter's confirmation page, for the current filters.</summary>
    public string PurgeLink() => "/admin/purge" + InstanceFilter.QueryString(Filter.QueryPairs());
}
