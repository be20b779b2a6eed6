using System.Globalization;
using Workflows.Audit;

namespace Workflows.Cases;

/// <summary>
/// Safeguard 10: corrections are amendments, never overwrites. The audit entry of a section write names
/// the section, its tier and the version written; when that version supersedes an earlier one, the entry
/// amends (<see cref="AuditRecord.Amends"/>) the entry that recorded the earlier version.
/// </summary>
public static class SectionAmendments
{
    /// <summary>Id keys of section writes in audit entries.</summary>
    public const string SectionId = "section";

    /// <inheritdoc cref="SectionId"/>
    public const string TierId = "tier";

    /// <inheritdoc cref="SectionId"/>
    public const string VersionId = "sectionVersion";

    /// <summary>
    /// Appends <paramref name="entry"/> for the section version <paramref name="written"/> (as the case
    /// store returned it), linked to the entry of the version it superseded.
    /// </summary>
    public static async Task<AuditEntry> AppendSectionWriteAsync(this IAuditLog audit, AuditRecord entry, CaseSection written, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(audit);
        ArgumentNullException.ThrowIfNull(entry);
        ArgumentNullException.ThrowIfNull(written);
        var ids = new Dictionary<string, string>(entry.Ids)
        {
            [SectionId] = written.Name,
            [TierId] = written.Tier.ToString(),
            [VersionId] = written.Version.ToString(CultureInfo.InvariantCulture),
        };
        var amends = entry.Amends;
        if (written.Version > 1 && amends is null)
        {
            var earlier = await audit.ReadAsync(entry.CaseId, cancellationToken).ConfigureAwait(false);

            // A write that repeated the current data added no version: it restates that version, amends nothing.
            if (!earlier.Any(e => Records(e, written) is { } version && version == written.Version))
            {
                amends = earlier.LastOrDefault(e => Records(e, written) is { } version && version < written.Version)?.Sequence;
            }
        }

        return await audit.AppendAsync(entry with { Ids = ids, Amends = amends }, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The version of <paramref name="section"/> an entry records (0 for entries written before versions), or null.</summary>
    private static int? Records(AuditEntry entry, CaseSection section)
    {
        if (!entry.Ids.TryGetValue(SectionId, out var name) || name != section.Name
            || (entry.Ids.TryGetValue(TierId, out var tier) && tier != section.Tier.ToString()))
        {
            return null;
        }

        return entry.Ids.TryGetValue(VersionId, out var text) && int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var version) ? version : 0;
    }
}
