using System.Text.Json;

namespace Workflows.Cases;

/// <summary>
/// A named field group of a case, in one data tier. Writing it again adds a version; earlier versions are
/// kept (corrections are amendments, never overwrites).
/// </summary>
public sealed record CaseSection
{
    public required DataTier Tier { get; init; }

    public required string Name { get; init; }

    public required JsonElement Data { get; init; }

    public DateTimeOffset UpdatedAt { get; init; }

    public string? UpdatedBy { get; init; }

    /// <summary>1 for the first write, one more for each write that changed it; set by the store (a section stored before versions counts as 1).</summary>
    public int Version { get; init; }
}
