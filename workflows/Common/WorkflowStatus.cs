namespace Workflows;

/// <summary>
/// The custom status every workflow and approval instance shows the dashboard: the current step, the
/// next deadline, and whom it waits on, as task ids and role names. Ids and roles only: no personal data.
/// </summary>
public sealed record WorkflowStatus
{
    public required string Step { get; init; }

    /// <summary>When several steps run side by side: each of them (<see cref="Step"/> then names the most urgent).</summary>
    public IReadOnlyList<string> Steps { get; init; } = [];

    public DateTimeOffset? NextDeadline { get; init; }

    public IReadOnlyList<string> WaitingOnTaskIds { get; init; } = [];

    public IReadOnlyList<string> WaitingOnRoles { get; init; } = [];

    /// <summary>The approval sub-orchestration running the step, when there is one.</summary>
    public string? ApprovalInstanceId { get; init; }
}
