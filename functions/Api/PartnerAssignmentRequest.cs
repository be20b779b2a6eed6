namespace Workflows.Functions.Api;

/// <summary>The body of <c>POST /api/cases/{caseId}/partners</c>: a CSO staff member vetted under a permit.</summary>
public sealed record PartnerAssignmentRequest
{
    /// <summary>The CSO access case whose active permit vetted the staff member and covers the prisoner's prison.</summary>
    public string? PermitCaseId { get; init; }

    public string? StaffId { get; init; }
}
