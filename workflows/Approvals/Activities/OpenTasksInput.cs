namespace Workflows.Approvals.Activities;

public sealed record OpenTasksInput
{
    /// <summary>The step's request (its slots are ignored; <see cref="Slots"/> says which to open).</summary>
    public required ApprovalRequest Request { get; init; }

    public required string InstanceId { get; init; }

    public required IReadOnlyList<ApprovalSlot> Slots { get; init; }

    public required DateTimeOffset Due { get; init; }

    /// <summary>For an escalation approver: the reason recorded in the audit entry.</summary>
    public string? Reason { get; init; }
}
