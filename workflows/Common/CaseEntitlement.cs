using Workflows.Approvals;
using Workflows.Cases;

namespace Workflows;

/// <summary>Whether someone may send a workflow's facts for a case: the refusal, or the case and the role they act in.</summary>
/// <param name="Refusal">NotFound (no such case of the workflow) or NotEntitled; null when entitled.</param>
/// <param name="Record">The case, when entitled.</param>
/// <param name="Role">The role the actor acts in, when entitled.</param>
public sealed record CaseEntitlement(DecisionResult? Refusal, CaseRecord? Record, string? Role);
