namespace Workflows.Cases;

/// <summary>
/// The core of a case: ids, facility, who may see it, and its state. Personal data lives in its tiered
/// sections and attachments, never here.
/// </summary>
public sealed record CaseRecord
{
    public required string CaseId { get; init; }

    public required string Reference { get; init; }

    public required string Workflow { get; init; }

    public required string FacilityId { get; init; }

    public string? RegionId { get; init; }

    public string Country { get; init; } = "default";

    /// <summary>The prisoner's or returnee's id in the prison or case system (an id, not a name).</summary>
    public string? SubjectId { get; init; }

    /// <summary>The language the subject understands, for decision notices.</summary>
    public string SubjectLanguage { get; init; } = "en";

    public required string RequesterId { get; init; }

    public DateTimeOffset CreatedAt { get; init; }

    public string Status { get; init; } = "Open";

    /// <summary>A juvenile case: the stricter child-protection tier rules apply.</summary>
    public bool IsJuvenile { get; init; }

    /// <summary>Safeguard 6: a confidential complaint is hidden from the staff it concerns.</summary>
    public bool Confidential { get; init; }

    /// <summary>Staff who may never see this case (the staff a confidential complaint concerns).</summary>
    public IReadOnlyList<string> ExcludedStaffIds { get; init; } = [];

    public IReadOnlyList<CaseParticipant> Participants { get; init; } = [];

    public IReadOnlyList<string> LinkedCaseIds { get; init; } = [];
}
