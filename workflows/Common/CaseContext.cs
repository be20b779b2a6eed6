using Workflows.Policies;

namespace Workflows;

/// <summary>What an intake knows when it builds a workflow's input: ids, the facility's place and the resolved policy.</summary>
public sealed record CaseContext(
    string CaseId,
    string Reference,
    string InstanceId,
    string FacilityId,
    string RegionId,
    string Country,
    string RequesterId,
    WorkflowPolicy Policy,
    DateTimeOffset Now);
