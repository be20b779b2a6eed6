using Workflows.Notifications;

namespace Workflows.Functions.Notifications.Email;

/// <summary>Sends (or, in development, stores) a rendered email.</summary>
public interface IEmailTransport
{
    Task SendAsync(EmailMessage message, Notification notification, NotificationRecipient recipient, CancellationToken cancellationToken);
}
