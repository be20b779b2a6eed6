using System.Text.Json;

namespace Workflows.Cases;

/// <summary>Something that happened to a case: an audit entry, optionally a section written and a status set.</summary>
public sealed record CaseEventInput
{
    public required string CaseId { get; init; }

    public required string Action { get; init; }

    public string? Reason { get; init; }

    public string ActorId { get; init; } = "system";

    public string? Role { get; init; }

    public string? Status { get; init; }

    public string? SectionName { get; init; }

    public DataTier Tier { get; init; } = DataTier.Workflow;

    public JsonElement? SectionData { get; init; }

    public IReadOnlyDictionary<string, string> Ids { get; init; } = new Dictionary<string, string>();
}
