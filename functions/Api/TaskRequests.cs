using Workflows.Approvals;

namespace Workflows.Functions.Api;

/// <summary>The body of <c>POST /api/tasks/{taskId}/decision</c>.</summary>
public sealed record DecisionRequest(
    string? Decision,
    string? Comment,
    IReadOnlyList<string>? ReasonCodes,
    IReadOnlyList<string>? Conditions,
    IReadOnlyDictionary<string, string>? Attributes)
{
    /// <summary>The decision names the API accepts (camelCase of <see cref="DecisionKind"/>).</summary>
    public static readonly IReadOnlyDictionary<string, DecisionKind> Names = Enum.GetValues<DecisionKind>()
        .ToDictionary(k => char.ToLowerInvariant(k.ToString()[0]) + k.ToString()[1..], k => k, StringComparer.OrdinalIgnoreCase);
}

/// <summary>The body of <c>POST /api/tasks/{taskId}/delegate</c>.</summary>
public sealed record DelegateRequest(string? DelegateId, string? Comment);

/// <summary>The body of <c>POST /api/tasks/{taskId}/reassign</c> (administrators).</summary>
public sealed record ReassignRequest(string? AssigneeId, string? Reason);

/// <summary>The body of <c>POST /api/tasks/{taskId}/clarification</c>.</summary>
public sealed record ClarificationRequest(string? Answer);

/// <summary>The body of <c>POST /api/cases/{caseId}/withdraw</c>.</summary>
public sealed record WithdrawRequest(string? Reason);
