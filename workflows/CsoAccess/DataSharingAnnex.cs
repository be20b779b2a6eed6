using System.Text.Json;
using Workflows.Cases;

namespace Workflows.CsoAccess;

/// <summary>
/// The access agreement's data-sharing annex: the workflow-tier fields CSO staff may see of the cases they
/// are assigned to, each <c>section</c> (the whole section) or <c>section.field</c> (one field of it); a
/// section name ending in <c>*</c> names every section starting so (<c>progressReview-*</c>). Whatever the
/// annex does not name stays hidden.
/// </summary>
public static class DataSharingAnnex
{
    /// <summary>What the programme's delivery needs — placement date, progress reviews, the exit — and no risk data.</summary>
    public static readonly IReadOnlyList<string> Default =
        ["placement.placedAt", "progressReview-*.result", "progressReview-*.at", "programmeOutcome.outcome", "programmeOutcome.at"];

    /// <summary>The section of a CSO access case holding the agreement, with its <c>organisationId</c> and <c>annex</c>.</summary>
    public const string AgreementSection = "accessAgreement";

    /// <summary>The annex of an agreement for <paramref name="organisationIds"/>; null when the sections hold none for them.</summary>
    public static IReadOnlyList<string>? Find(IEnumerable<CaseSection> sections, IReadOnlyCollection<string> organisationIds)
    {
        ArgumentNullException.ThrowIfNull(sections);
        ArgumentNullException.ThrowIfNull(organisationIds);
        var agreement = sections.FirstOrDefault(s => s.Name == AgreementSection && s.Tier == DataTier.Workflow)?.Data;
        if (agreement is not { ValueKind: JsonValueKind.Object } data
            || !data.TryGetProperty("organisationId", out var organisation) || !organisationIds.Contains(organisation.GetString() ?? string.Empty)
            || !data.TryGetProperty("annex", out var annex) || annex.ValueKind != JsonValueKind.Array)
        {
            return null;
        }

        return annex.EnumerateArray().Select(e => e.GetString()).OfType<string>().ToList();
    }

    /// <summary>The workflow-tier sections narrowed to the annex's fields; sections of other tiers and sections it does not name are left out.</summary>
    public static IReadOnlyList<CaseSection> Apply(IEnumerable<CaseSection> sections, IReadOnlyCollection<string> annex)
    {
        ArgumentNullException.ThrowIfNull(sections);
        ArgumentNullException.ThrowIfNull(annex);
        var shown = new List<CaseSection>();
        foreach (var section in sections.Where(s => s.Tier == DataTier.Workflow))
        {
            var named = annex.Select(Split).Where(a => Matches(a.Section, section.Name)).ToList();
            if (named.Count == 0)
            {
                continue;
            }

            if (named.Any(a => a.Field is null) || section.Data.ValueKind != JsonValueKind.Object)
            {
                shown.Add(named.Any(a => a.Field is null) ? section : section with { Data = JsonSerializer.SerializeToElement(new Dictionary<string, JsonElement>()) });
                continue;
            }

            var fields = named.Select(a => a.Field!).ToHashSet(StringComparer.Ordinal);
            var kept = section.Data.EnumerateObject().Where(p => fields.Contains(p.Name)).ToDictionary(p => p.Name, p => p.Value.Clone(), StringComparer.Ordinal);
            shown.Add(section with { Data = JsonSerializer.SerializeToElement(kept) });
        }

        return shown;
    }

    private static (string Section, string? Field) Split(string entry)
    {
        var dot = entry.IndexOf('.', StringComparison.Ordinal);
        return dot < 0 ? (entry, null) : (entry[..dot], entry[(dot + 1)..]);
    }

    private static bool Matches(string pattern, string section) =>
        pattern.EndsWith('*') ? section.StartsWith(pattern[..^1], StringComparison.Ordinal) : string.Equals(pattern, section, StringComparison.Ordinal);
}
