using System.Text.Json;
using Workflows.Cases;

namespace Workflows.Functions.Api;

/// <summary>One version of a case section as <c>GET /api/cases/{caseId}/sections/{tier}/{name}/history</c> lists it.</summary>
public sealed record SectionVersionView(int Version, DateTimeOffset UpdatedAt, string? UpdatedBy, JsonElement Data)
{
    /// <summary>Builds the view.</summary>
    public static SectionVersionView From(CaseSection section)
    {
        ArgumentNullException.ThrowIfNull(section);
        return new SectionVersionView(section.Version, section.UpdatedAt, section.UpdatedBy, section.Data);
    }
}
