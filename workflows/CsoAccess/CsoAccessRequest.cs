namespace Workflows.CsoAccess;

/// <summary>A CSO's application for access to prisons.</summary>
public sealed record CsoAccessRequest
{
    public string? OrganisationId { get; init; }

    public string? RegistrationNumber { get; init; }

    public string? ProgrammeDescription { get; init; }

    public string? TargetGroup { get; init; }

    public string? Governance { get; init; }

    public string? Funding { get; init; }

    /// <summary>Directory ids of the CSO staff who would enter prisons (each is vetted).</summary>
    public IReadOnlyList<string>? StaffIds { get; init; }

    /// <summary>The prisons asked for.</summary>
    public IReadOnlyList<string>? FacilityIds { get; init; }

    /// <summary>Faith-based content adds a religious-content review.</summary>
    public bool FaithBasedContent { get; init; }

    public bool SafeguardingPolicyProvided { get; init; }

    public bool DataHandlingPlanProvided { get; init; }

    public bool CodeOfConductAccepted { get; init; }

    /// <summary>Where an inter-agency body decides: a majority, with security's concurrence.</summary>
    public bool InterAgencyDecision { get; init; }

    public string? ClientRequestId { get; init; }
}
