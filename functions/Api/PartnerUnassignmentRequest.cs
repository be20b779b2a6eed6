namespace Workflows.Functions.Api;

/// <summary>The body of <c>POST /api/cases/{caseId}/partners/{staffId}/unassign</c>.</summary>
public sealed record PartnerUnassignmentRequest
{
    /// <summary>Why the assignment ends (required, audited).</summary>
    public string? Reason { get; init; }
}
