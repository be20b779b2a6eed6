namespace Workflows.PreRelease;

/// <summary>The case sections of the release plan (workflow tier).</summary>
public static class ReleasePlanSections
{
    /// <summary>The plan as the conference recorded it, rewritten until approval.</summary>
    public const string Draft = "releasePlanDraft";

    /// <summary>The plan's content as approved: the draft at the time of approval.</summary>
    public const string Approved = "releasePlanApproved";

    /// <summary>The plan's needs section: caretaking and children, and the linked referral's programme outcome.</summary>
    public const string Needs = "planNeeds";
}
