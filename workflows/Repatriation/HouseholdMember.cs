namespace Workflows.Repatriation;

/// <summary>One member of a returning household (ids and flags only; identity details go to the identity tier).</summary>
public sealed record HouseholdMember
{
    /// <summary>The member's reference in the consular list.</summary>
    public string? MemberRef { get; init; }

    public bool Adult { get; init; }

    public bool BornAbroad { get; init; }

    /// <summary>A parent staying abroad must consent to this child's return.</summary>
    public bool NeedsParentConsent { get; init; }

    /// <summary>DNA with relatives is used as evidence (consent and its limits recorded; biometric tier).</summary>
    public bool NeedsDnaConsent { get; init; }

    public bool HasWarrant { get; init; }
}
