using System.Globalization;
using Workflows.Engine;
using Workflows.Functions.Ui;

namespace Workflows.Functions.Pages.Admin;

/// <summary>
/// The instance list's filters as the query string gives them (workflow, statuses, created range, facility, case
/// reference), turned into an engine query; the list and the purge by filter read them the same way.
/// </summary>
public sealed record InstanceFilter(string? Name, IReadOnlyList<string> RuntimeStatus, string? CreatedFrom, string? CreatedTo, string? Facility, string? CaseReference)
{
    /// <summary>Whether any filter is set: a purge by filter needs one, so that it never deletes everything by accident.</summary>
    public bool Any =>
        !string.IsNullOrEmpty(Name) || RuntimeStatus.Count > 0 || !string.IsNullOrWhiteSpace(CreatedFrom) || !string.IsNullOrWhiteSpace(CreatedTo)
        || !string.IsNullOrWhiteSpace(Facility) || !string.IsNullOrWhiteSpace(CaseReference);

    /// <summary>The statuses chosen that exist (unknown and numeric values are ignored).</summary>
    public List<OrchestrationRuntimeStatus> Statuses()
    {
        var statuses = new List<OrchestrationRuntimeStatus>();
        foreach (var value in RuntimeStatus)
        {
            if (Enum.TryParse<OrchestrationRuntimeStatus>(value, out var status) && Enum.IsDefined(status) && !int.TryParse(value, CultureInfo.InvariantCulture, out _))
            {
                statuses.Add(status);
            }
        }

        return statuses;
    }

    /// <summary>The engine query of the filters, or null with the fields' errors added when a date is not a date.</summary>
    public InstanceQuery? ToQuery(FormErrors errors, UiText text)
    {
        ArgumentNullException.ThrowIfNull(errors);
        ArgumentNullException.ThrowIfNull(text);
        var from = Date("createdFrom", CreatedFrom, errors, text);
        var to = Date("createdTo", CreatedTo, errors, text)?.AddDays(1);
        if (errors.Any)
        {
            return null;
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

        var statuses = Statuses();
        return new InstanceQuery
        {
            Name = string.IsNullOrEmpty(Name) ? null : Name,
            RuntimeStatus = statuses.Count == 0 ? null : statuses,
            CreatedFrom = from,
            CreatedTo = to,
            Tags = tags.Count == 0 ? null : tags,
        };
    }

    /// <summary>The filters as query string pairs (empty ones left out), for links that keep them.</summary>
    public List<KeyValuePair<string, string?>> QueryPairs()
    {
        var query = new List<KeyValuePair<string, string?>>
        {
            new("name", Name), new("createdFrom", CreatedFrom), new("createdTo", CreatedTo), new("facility", Facility), new("caseReference", CaseReference),
        };
        query.AddRange(RuntimeStatus.Select(s => new KeyValuePair<string, string?>("runtimeStatus", s)));
        return query;
    }

    /// <summary>A query string of <paramref name="pairs"/>, empty values left out.</summary>
    public static string QueryString(IEnumerable<KeyValuePair<string, string?>> pairs) =>
        new Microsoft.AspNetCore.Http.Extensions.QueryBuilder(pairs.Where(q => !string.IsNullOrEmpty(q.Value)).Select(q => new KeyValuePair<string, string>(q.Key, q.Value!))).ToString();

    private static DateTimeOffset? Date(string field, string? value, FormErrors errors, UiText text)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        if (DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            return new DateTimeOffset(date.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        }

        errors.Add(field, text["Error.Date"]);
        return null;
    }
}
