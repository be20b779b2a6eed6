namespace Workflows.PreRelease;

/// <summary>The programme outcome of the linked referral (completion, withdrawal or suspension); nulls when there is none yet.</summary>
public sealed record LinkedProgrammeOutcome(string? ReferralCaseId, string? Outcome, DateTimeOffset? At);
