namespace Workflows.Policies;

/// <summary>
/// Who approves: holders of <paramref name="Role"/> at a scope relative to the case's facility. With
/// <paramref name="Each"/> false, the role is one approver (any holder decides for it); with true, every
/// holder is an approver of their own (a quorum of assessors).
/// </summary>
public sealed record ApproverRule(string Role, ScopeLevel Scope = ScopeLevel.Facility, bool Each = false);
