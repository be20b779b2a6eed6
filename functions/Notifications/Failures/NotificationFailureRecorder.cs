using Workflows.Audit;
using Workflows.Notifications;

namespace Workflows.Functions.Notifications.Failures;

/// <summary>
/// Makes a failed notification visible: an audit entry <c>NotificationFailed</c> on the case (ids and the
/// reason code only) and a row in the failure store for the dashboard. Both are idempotent per key.
/// </summary>
public sealed class NotificationFailureRecorder(IAuditLog audit, INotificationFailureStore store, TimeProvider time)
{
    /// <summary>The audit action name.</summary>
    public const string AuditAction = "NotificationFailed";

    public async Task RecordAsync(Notification notification, string channel, string reason, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(notification);
        var key = notification.IdempotencyKey + "|" + channel;
        var ids = NotificationAudit.Ids(notification, channel);
        await store.RecordAsync(
            new NotificationFailure
            {
                Key = key,
                CaseId = notification.CaseId,
                TaskId = notification.TaskId,
                InstanceId = notification.InstanceId,
                RecipientId = notification.RecipientId,
                Kind = notification.Kind,
                Channel = channel,
                Reason = reason,
                At = time.GetUtcNow(),
            },
            cancellationToken).ConfigureAwait(false);
        await audit.AppendAsync(
            new AuditRecord
            {
                CaseId = notification.CaseId,
                ActorId = Actor.System.UserId,
                Action = AuditAction,
                Reason = reason,
                Ids = ids,
                IdempotencyKey = key + "|failed",
            },
            cancellationToken).ConfigureAwait(false);
    }
}
