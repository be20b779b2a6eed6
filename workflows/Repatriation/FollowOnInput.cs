namespace Workflows.Repatriation;

public sealed record FollowOnInput(CaseInfo Household, string MemberRef, string PrisonId, string? ReleaseDate);
