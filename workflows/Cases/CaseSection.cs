using System.Text.Json;

namespace Workflows.Cases;

/// <summary>A named field group of a case, in one data tier.</summary>
public sealed record CaseSection
{
    public required DataTier Tier { get; init; }

    public required string Name { get; init; }

    public required JsonElement Data { get; init; }

    public DateTimeOffset UpdatedAt { get; init; }

    public string? UpdatedBy { get; init; }
}
