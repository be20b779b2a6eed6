namespace Workflows.Approvals.Activities;

public sealed record CloseTasksInput
{
    public required string CaseId { get; init; }

    public required string InstanceId { get; init; }

    public required string Step { get; init; }

    public IReadOnlyList<string> TaskIds { get; init; } = [];

    /// <summary>The status for tasks still open (Cancelled, Expired) or, with <see cref="ApprovalTaskStatus.Late"/>, for decided ones.</summary>
    public ApprovalTaskStatus Status { get; init; } = ApprovalTaskStatus.Cancelled;

    /// <summary>The step's result, audited once when given.</summary>
    public ApprovalResult? Result { get; init; }

    public string? SettledBy { get; init; }
}
