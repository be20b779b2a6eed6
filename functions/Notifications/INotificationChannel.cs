using Workflows.Notifications;

namespace Workflows.Functions.Notifications;

/// <summary>
/// One way of reaching people (email, Teams). The dispatcher calls a channel at most once per
/// notification key that was not sent yet; a channel throws <see cref="NotificationDeliveryException"/>
/// (or any exception, classified as transient) when it could not deliver.
/// </summary>
public interface INotificationChannel
{
    /// <summary>The channel's name in delivery keys, audit entries and the outbox: <c>Email</c> or <c>Teams</c>.</summary>
    string Name { get; }

    /// <summary>True when this channel carries this kind of notification to this recipient.</summary>
    bool Carries(Notification notification, NotificationRecipient recipient);

    Task<ChannelOutcome> SendAsync(Notification notification, NotificationRecipient recipient, CancellationToken cancellationToken);
}
