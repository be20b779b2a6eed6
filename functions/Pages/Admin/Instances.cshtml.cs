using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Workflows.People;
using Workflows.Engine;
using Workflows.Engine.Client;
using Workflows.Functions.Ui;

namespace Workflows.Functions.Pages.Admin;

/// <summary>
/// The instance list: filters by workflow (orchestration name), status, created range, facility and case
/// reference, each served by the engine's indexes (tags, name, status, created time), and paging with the
/// engine's continuation tokens — never a scan of every instance.
/// </summary>
/// <remarks>
/// The engine reads one index partition family (the first tag when there are tags, else the name) and the table
/// service applies every other filter to its rows, so a rare workflow at a busy facility costs about one page of
/// index rows. The case tag (one case, a handful of instances) still goes first.
/// </remarks>
public sealed class InstancesModel(OrchestrationClient client, FacilityCatalogue facilities, UiText text) : PageModel
{
    /// <summary>The rows per page offered; the first page of 50 unless another is chosen.</summary>
    public static readonly int[] PageSizes = [10, 25, 50, 100];

    public const int DefaultPageSize = 50;

    /// <summary>The orchestration names of the programme workflows (and their approval steps).</summary>
    public static IReadOnlyList<string> Names => Ui.Dashboard.WorkflowOrchestrations.All;

    public IReadOnlyList<OrchestrationState> Instances { get; private set; } = [];

    public IReadOnlyList<Facility> Facilities { get; private set; } = [];

    public string? NextToken { get; private set; }

    public FormErrors Errors { get; } = new();

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

    [BindProperty(SupportsGet = true)]
    public int? Size { get; set; }

    /// <summary>The rows per page in force.</summary>
    public int PageSize => Size is { } size && PageSizes.Contains(size) ? size : DefaultPageSize;

    [BindProperty(SupportsGet = true, Name = "ct")]
    public string? ContinuationToken { get; set; }

    public async Task OnGetAsync()
    {
        Facilities = await facilities.AllAsync(HttpContext.RequestAborted);
        var statuses = new List<OrchestrationRuntimeStatus>();
        foreach (var value in RuntimeStatus)
        {
            if (Enum.TryParse<OrchestrationRuntimeStatus>(value, out var status) && Enum.IsDefined(status) && !int.TryParse(value, CultureInfo.InvariantCulture, out _))
            {
                statuses.Add(status);
            }
        }

        var from = Date("createdFrom", CreatedFrom);
        var to = Date("createdTo", CreatedTo)?.AddDays(1);
        if (Errors.Any)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return;
        }

        // Insertion order is the order the engine sees: the most selective tag first.
        var tags = new Dictionary<string, string>(StringComparer.Ordinal);
        if (!string.IsNullOrWhiteSpace(CaseReference))
        {
            var reference = CaseReference.Trim();
            tags[WorkflowNames.CaseTag] = reference.StartsWith("case-", StringComparison.OrdinalIgnoreCase) ? reference.ToLowerInvariant() : IntakeSupport.CaseIdFor(reference);
        }

        if (!string.IsNullOrWhiteSpace(Facility))
        {
            tags[WorkflowNames.FacilityTag] = Facility;
        }

        var page = await client.QueryInstancesAsync(
            new InstanceQuery
            {
                Name = string.IsNullOrEmpty(Name) ? null : Name,
                RuntimeStatus = statuses.Count == 0 ? null : statuses,
                CreatedFrom = from,
                CreatedTo = to,
                Tags = tags.Count == 0 ? null : tags,
                PageSize = PageSize,
                ContinuationToken = string.IsNullOrEmpty(ContinuationToken) ? null : ContinuationToken,
            },
            HttpContext.RequestAborted);
        Instances = page.Instances;
        NextToken = page.ContinuationToken;
    }

    /// <summary>The query string of a page: the current filters and the page's token (null for the first page).</summary>
    public string PageQuery(string? token)
    {
        var query = new List<KeyValuePair<string, string?>>
        {
            new("name", Name), new("createdFrom", CreatedFrom), new("createdTo", CreatedTo), new("facility", Facility), new("caseReference", CaseReference),
            new("size", PageSize == DefaultPageSize ? null : PageSize.ToString(CultureInfo.InvariantCulture)), new("ct", token),
        };
        query.AddRange(RuntimeStatus.Select(s => new KeyValuePair<string, string?>("runtimeStatus", s)));
        return new Microsoft.AspNetCore.Http.Extensions.QueryBuilder(query.Where(q => !string.IsNullOrEmpty(q.Value)).Select(q => new KeyValuePair<string, string>(q.Key, q.Value!))).ToString();
    }

    private DateTimeOffset? Date(string field, string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        if (DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            return new DateTimeOffset(date.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        }

        Errors.Add(field, text["Error.Date"]);
        return null;
    }
}
