using Workflows.Policies;

namespace Workflows.CsoAccess;

public sealed record CsoAccessInput
{
    public required CaseInfo Case { get; init; }

    public required WorkflowPolicy Policy { get; init; }

    public required string OrganisationId { get; init; }

    public IReadOnlyList<string> StaffIds { get; init; } = [];

    public IReadOnlyList<string> FacilityIds { get; init; } = [];

    public bool FaithBasedContent { get; init; }

    public bool InterAgencyDecision { get; init; }

    /// <summary>Null during the application; the permit once granted (the permit phase continues as new).</summary>
    public PermitState? Permit { get; init; }
}
