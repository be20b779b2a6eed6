using Workflows.Policies;

namespace Workflows.Approvals;

public sealed record ResolveApproversInput
{
    public required string FacilityId { get; init; }

    public string? RegionId { get; init; }

    public string? OrganisationId { get; init; }

    public IReadOnlyList<ApproverRule> Rules { get; init; } = [];

    public IReadOnlyList<string>? NamedApproverIds { get; init; }

    public IReadOnlyList<string> ExcludedUserIds { get; init; } = [];

    public IReadOnlyList<string> VetoRoles { get; init; } = [];

    /// <summary>Safeguard 7: only women are eligible (the step has the rule and the case's subject is a woman or girl).</summary>
    public bool WomenStaffOnly { get; init; }

    public bool Sequential { get; init; }
}
