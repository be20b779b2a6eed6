using System.Globalization;
using Workflows.Approvals;

namespace Workflows.PreRelease;

/// <summary>
/// Safeguard 7: what the resettlement-needs assessment records about caretaking responsibilities and
/// children (attributes <c>caretakingResponsibilities</c>, yes or no, and <c>dependentChildren</c>, a
/// count). Null where the assessment did not say it in a form the workflow understands.
/// </summary>
internal sealed record CaretakingNeeds(bool? CaretakingResponsibilities, int? DependentChildren)
{
    public const string CaretakingAttribute = "caretakingResponsibilities";
    public const string ChildrenAttribute = "dependentChildren";

    private const int MaxChildren = 30;

    /// <summary>Release planning has caretaking or children to plan for (housing, childcare, reunification).</summary>
    public bool FeedPlanning => CaretakingResponsibilities == true || DependentChildren > 0;

    public static CaretakingNeeds From(ApprovalOutcome assessment)
    {
        ArgumentNullException.ThrowIfNull(assessment);
        if (!assessment.IsApproved)
        {
            return new CaretakingNeeds(null, null);
        }

        var caretaking = assessment.Attributes.GetValueOrDefault(CaretakingAttribute)?.Trim().ToUpperInvariant() switch
        {
            "YES" or "TRUE" => true,
            "NO" or "FALSE" => false,
            _ => (bool?)null,
        };
        int? children = int.TryParse(assessment.Attributes.GetValueOrDefault(ChildrenAttribute), NumberStyles.None, CultureInfo.InvariantCulture, out var count) && count <= MaxChildren ? count : null;
        return new CaretakingNeeds(caretaking, children);
    }
}
