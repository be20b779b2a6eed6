namespace Workflows.Approvals.Activities;

public sealed record ReassignInput
{
    public required ApprovalRequest Request { get; init; }

    public required string InstanceId { get; init; }

    public IReadOnlyList<string> TaskIds { get; init; } = [];

    public string? Role { get; init; }

    public ScopeLevel Scope { get; init; } = ScopeLevel.Facility;

    public bool ToManager { get; init; }

    public required string Reason { get; init; }
}
