using Workflows.Functions.Notifications.Email;
using Workflows.Notifications;

namespace Workflows.Functions.Notifications.Outbox;

/// <summary>Development: stores the email in the outbox instead of sending it.</summary>
public sealed class OutboxEmailTransport(IOutboxStore outbox, TimeProvider time) : IEmailTransport
{
    public Task SendAsync(EmailMessage message, Notification notification, NotificationRecipient recipient, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentNullException.ThrowIfNull(notification);
        ArgumentNullException.ThrowIfNull(recipient);
        var now = time.GetUtcNow();
        return outbox.AddAsync(
            new OutboxMessage
            {
                Id = OutboxFilter.NewId(now),
                CreatedAt = now,
                Channel = EmailChannel.ChannelName,
                Kind = notification.Kind.ToString(),
                RecipientId = message.ToPersonId,
                RecipientAddress = string.IsNullOrEmpty(message.ToAddress) ? null : message.ToAddress,
                Language = message.Language,
                CaseId = notification.CaseId,
                CaseReference = notification.CaseReference,
                TaskId = notification.TaskId,
                Subject = message.Subject,
                Body = message.Text,
                Html = message.Html,
                Links = message.Links,
                Key = notification.IdempotencyKey + "|" + EmailChannel.ChannelName,
            },
            cancellationToken);
    }
}
