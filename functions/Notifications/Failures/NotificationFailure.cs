using Workflows.Notifications;

namespace Workflows.Functions.Notifications.Failures;

/// <summary>
/// A notification that could not be delivered after its last attempt: what the dashboard flags on the
/// task and the case. Ids and a reason code only (e.g. <c>Graph503</c>, <c>NoAddress</c>).
/// </summary>
public sealed record NotificationFailure
{
    /// <summary>The notification's idempotency key and channel.</summary>
    public required string Key { get; init; }

    public required string CaseId { get; init; }

    public string? TaskId { get; init; }

    public string? InstanceId { get; init; }

    public required string RecipientId { get; init; }

    public required NotificationKind Kind { get; init; }

    /// <summary><c>Email</c> or <c>Teams</c>.</summary>
    public required string Channel { get; init; }

    public required string Reason { get; init; }

    public required DateTimeOffset At { get; init; }
}
