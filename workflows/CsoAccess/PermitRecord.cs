using System.Text.Json;
using Workflows.Cases;

namespace Workflows.CsoAccess;

/// <summary>
/// The permit as it stands — validity, vetted staff, covered prisons — kept in the case section
/// <see cref="SectionName"/> and rewritten on every change, so visit requests see a staff member added or
/// a renewal at once, even while the permit phase is still deciding something else.
/// </summary>
public sealed record PermitRecord(DateTimeOffset ValidUntil, IReadOnlyList<string> Staff, IReadOnlyList<string> Facilities)
{
    public const string SectionName = "permit";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>The section data (camel-case, like every other section).</summary>
    public object ToSectionData() => new { validUntil = ValidUntil, staff = Staff, facilities = Facilities };

    public static PermitRecord? From(IEnumerable<CaseSection> sections)
    {
        ArgumentNullException.ThrowIfNull(sections);
        return sections.FirstOrDefault(s => s.Name == SectionName) is { } section ? section.Data.Deserialize<PermitRecord>(Json) : null;
    }
}
