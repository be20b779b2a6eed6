namespace Workflows.Notifications;

/// <summary>
/// Sends notifications (email, Teams, outbox). Called only from activities, which pass a key derived from
/// their idempotency key so a redelivered activity never notifies twice; implementations must honour it.
/// </summary>
public interface INotifier
{
    Task SendAsync(Notification notification, CancellationToken cancellationToken = default);
}
