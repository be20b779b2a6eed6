using Workflows.Notifications;

namespace Workflows.Functions.Notifications.Tests.Support;

/// <summary>Notifications as the domain's activities build them (ids only).</summary>
public static class TestNotifications
{
    public static Notification NewTask(string recipientId, string taskId = "t-1", string key = "i-1:3") => new()
    {
        IdempotencyKey = $"{key}:{taskId}",
        Kind = NotificationKind.NewTask,
        RecipientId = recipientId,
        CaseId = "case-1",
        CaseReference = "REF-2026-0042",
        Workflow = WorkflowNames.Referral,
        Step = "eligibility",
        TaskId = taskId,
        InstanceId = "i-1",
        Due = new DateTimeOffset(2026, 1, 12, 17, 0, 0, TimeSpan.Zero),
    };

    public static Notification Of(NotificationKind kind, string recipientId, string? taskId = "t-1") => NewTask(recipientId, taskId ?? "none") with
    {
        IdempotencyKey = $"i-1:{kind}:{recipientId}",
        Kind = kind,
        TaskId = taskId,
        Code = kind is NotificationKind.Outcome or NotificationKind.DecisionNotice ? "Approved" : null,
        ChallengeRoute = kind == NotificationKind.DecisionNotice ? "complaint" : null,
    };
}
