using Workflows.Notifications;

namespace Workflows.Approvals.Activities;

/// <summary>Whom to notify about a step: the assignees and delegates of tasks, and/or the holders of a role.</summary>
public sealed record NotifyInput
{
    public required NotificationKind Kind { get; init; }

    public required ApprovalRequest Request { get; init; }

    public required string InstanceId { get; init; }

    public IReadOnlyList<string> TaskIds { get; init; } = [];

    public string? Role { get; init; }

    public ScopeLevel Scope { get; init; } = ScopeLevel.Facility;

    public DateTimeOffset? Due { get; init; }

    public string? Code { get; init; }

    /// <summary>When set, an audit entry with this action is appended.</summary>
    public string? AuditAction { get; init; }
}
