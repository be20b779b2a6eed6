namespace Workflows.Functions.Api;

/// <summary>The body of <c>POST /api/cases/{caseId}/withdraw</c> (optional, as is the reason).</summary>
public sealed record WithdrawRequest
{
    public string? Reason { get; init; }
}
