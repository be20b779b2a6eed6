namespace Workflows.People;

/// <summary>A prison or centre: its region (for regional roles) and country (for the policy and calendar).</summary>
public sealed record Facility(string Id, string Name, FacilityKind Kind, string RegionId, string Country);
