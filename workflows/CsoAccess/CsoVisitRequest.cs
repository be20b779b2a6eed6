namespace Workflows.CsoAccess;

/// <summary>A per-visit request under an active permit.</summary>
public sealed record CsoVisitRequest
{
    public string? FacilityId { get; init; }

    public DateTimeOffset? VisitAt { get; init; }

    public IReadOnlyList<string>? StaffIds { get; init; }

    /// <summary>Less than 3 working days ahead: only as an emergency, approved by the director first.</summary>
    public bool Emergency { get; init; }
}
