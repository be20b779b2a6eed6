using System.Text.Json.Serialization;

namespace Workflows.Repatriation;

/// <summary>
/// One member of a returning household. The workflow input keeps the references and flags only: the date
/// of birth and sex go to the case's identity tier at intake, a warrant to its legal tier, and all three
/// are stripped from the input.
/// </summary>
public sealed record HouseholdMember
{
    /// <summary>The member's reference in the consular list.</summary>
    public string? MemberRef { get; init; }

    public bool Adult { get; init; }

    /// <summary>A child born abroad: statelessness risk flagged until the birth is registered.</summary>
    public bool BornAbroad { get; init; }

    /// <summary>A parent staying abroad must consent to this child's return.</summary>
    public bool NeedsParentConsent { get; init; }

    /// <summary>DNA with relatives is used as evidence (consent and its limits recorded; biometric tier).</summary>
    public bool NeedsDnaConsent { get; init; }

    /// <summary>
    /// Legal-tier data: it goes to the case's legal tier at intake (<see cref="HouseholdWarrants"/>) and
    /// is never written into a workflow input.
    /// </summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public bool HasWarrant { get; init; }

    /// <summary>For a child: the adult of this household who is the child's parent; the family is kept together.</summary>
    public string? ParentRef { get; init; }

    /// <summary>Exact or estimated (identity tier only); an imprisoned adult's follow-on referral needs it.</summary>
    public DateOnly? DateOfBirth { get; init; }

    public bool DateOfBirthEstimated { get; init; }

    /// <summary>
    /// female or male (identity tier only). Women and girls get women staff for the steps with direct contact
    /// (safeguard 7), and it routes a follow-on referral to the women's track and the plan to women staff.
    /// </summary>
    public string? Sex { get; init; }

    /// <summary>The member as the workflow input carries it: references and flags, no personal or legal data.</summary>
    public HouseholdMember ForWorkflowInput() => this with { DateOfBirth = null, DateOfBirthEstimated = false, Sex = null, HasWarrant = false };
}
