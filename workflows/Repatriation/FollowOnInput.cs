namespace Workflows.Repatriation;

/// <summary>What the prosecutor's decision gave for an imprisoned returnee (null where it gave nothing).</summary>
public sealed record FollowOnInput(CaseInfo Household, string MemberRef, string? PrisonId, string? ReleaseDate, string? RiskLevel);

/// <summary>The cases started; <c>Missing</c> names the facts that kept a workflow from starting (nothing is invented).</summary>
public sealed record FollowOnResult(string? ReferralCaseId, string? PreReleaseCaseId, IReadOnlyList<string> Missing);
