namespace Workflows.PreRelease;

/// <summary>Opening pre-release planning for a prisoner.</summary>
public sealed record PreReleaseRequest
{
    public string? PrisonerId { get; init; }

    public string? FacilityId { get; init; }

    /// <summary>The release date R, recorded at sentence start; a court or parole decision may move it later.</summary>
    public DateOnly? ReleaseDate { get; init; }

    /// <summary>Low, Medium or High: sets the contact schedule and whether the inter-agency panel signs.</summary>
    public string? RiskLevel { get; init; }

    /// <summary>Region of the likely residence (probation and local authority); the facility's region when omitted.</summary>
    public string? ResidenceRegionId { get; init; }

    /// <summary>
    /// female or male (identity tier only). A woman's assessments, hand-over and post-release contacts go to
    /// women staff (safeguard 7). When omitted, a women's prison or the linked referral's record says it.
    /// </summary>
    public string? Sex { get; init; }

    /// <summary>Caretaking responsibilities and children feed planning (safeguard 7); the needs assessment confirms them.</summary>
    public bool CaringResponsibilities { get; init; }

    /// <summary>A linked referral case whose programme outcome feeds the plan.</summary>
    public string? ReferralCaseId { get; init; }

    public string? Language { get; init; }

    public string? ClientRequestId { get; init; }
}
