namespace Workflows.Complaints;

/// <summary>A complaint by a prisoner or returnee (safeguard 6), submitted by staff or an inspector on their behalf.</summary>
public sealed record ComplaintRequest
{
    /// <summary>The complainant's id (the subject: they receive the decision notice).</summary>
    public string? ComplainantId { get; init; }

    public string? FacilityId { get; init; }

    /// <summary>A complaint category code from the policy (e.g. <c>treatment-by-staff</c>, <c>decision-challenge</c>).</summary>
    public string? Category { get; init; }

    public string? Description { get; init; }

    /// <summary>Hidden from the staff it concerns.</summary>
    public bool Confidential { get; init; }

    /// <summary>Staff the complaint concerns: they never handle it, and never see it when it is confidential.</summary>
    public IReadOnlyList<string>? ConcernedStaffIds { get; init; }

    /// <summary>The case whose decision is challenged, if any.</summary>
    public string? RelatedCaseId { get; init; }

    public string? Language { get; init; }

    public string? ClientRequestId { get; init; }
}
