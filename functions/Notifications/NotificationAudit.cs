using Workflows.Audit;
using Workflows.Notifications;

namespace Workflows.Functions.Notifications;

/// <summary>
/// The audit entries of deliveries that are not failures: a channel that cannot reach its recipient
/// (<see cref="NotDeliverableAction"/>) and a decision notice routed to a staff member for hand delivery
/// (<see cref="HandDeliveryAction"/>). Ids and reason codes only; each is appended once per notification
/// key and channel, however often the activity is redelivered.
/// </summary>
public sealed class NotificationAudit(IAuditLog audit)
{
    /// <summary>The audit action of a notification a channel could not deliver to its recipient.</summary>
    public const string NotDeliverableAction = "NotificationNotDeliverable";

    /// <summary>The audit action of a decision notice sent to a staff member to hand to the person concerned.</summary>
    public const string HandDeliveryAction = "NoticeSentForHandDelivery";

    public Task NotDeliverableAsync(Notification notification, string channel, string reason, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(notification);
        return audit.AppendAsync(
            new AuditRecord
            {
                CaseId = notification.CaseId,
                ActorId = Actor.System.UserId,
                Action = NotDeliverableAction,
                Reason = reason,
                Ids = Ids(notification, channel),
                IdempotencyKey = notification.IdempotencyKey + "|" + channel + "|notDeliverable",
            },
            cancellationToken);
    }

    public Task HandDeliveryAsync(Notification notification, string channel, string delivererId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(notification);
        var ids = Ids(notification, channel);
        ids["delivererId"] = delivererId;
        return audit.AppendAsync(
            new AuditRecord
            {
                CaseId = notification.CaseId,
                ActorId = Actor.System.UserId,
                Action = HandDeliveryAction,
                Reason = notification.Code,
                Ids = ids,
                IdempotencyKey = notification.IdempotencyKey + "|" + channel + "|handDelivery",
            },
            cancellationToken);
    }

    /// <summary>The ids that locate a notification in an audit entry.</summary>
    internal static Dictionary<string, string> Ids(Notification notification, string channel)
    {
        var ids = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["recipientId"] = notification.RecipientId,
            ["channel"] = channel,
            ["kind"] = notification.Kind.ToString(),
        };
        if (notification.TaskId is { } taskId)
        {
            ids["taskId"] = taskId;
        }

        if (notification.InstanceId is { } instanceId)
        {
            ids["instanceId"] = instanceId;
        }

        if (notification.Step is { } step)
        {
            ids["step"] = step;
        }

        return ids;
    }
}
