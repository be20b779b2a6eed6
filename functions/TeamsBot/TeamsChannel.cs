using Workflows.Approvals;
using Workflows.Functions.Notifications;
using Workflows.Notifications;

namespace Workflows.Functions.Teams;

/// <summary>
/// The Teams channel: notifications that ask a staff member to decide a task become a task card in
/// their personal chat with the bot (or in the outbox in development). Other notifications go by email only.
/// </summary>
public sealed class TeamsChannel(IApprovalTaskStore tasks, TaskCardBuilder cards, MessageContentBuilder content, NotificationLinkBuilder links, ITeamsCardTransport transport) : INotificationChannel
{
    public const string ChannelName = "Teams";

    public string Name => ChannelName;

    public bool Carries(Notification notification, NotificationRecipient recipient)
    {
        ArgumentNullException.ThrowIfNull(recipient);
        return NotificationLinkBuilder.AsksForDecision(notification) && recipient.Person is not null;
    }

    public async Task<ChannelOutcome> SendAsync(Notification notification, NotificationRecipient recipient, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(notification);
        ArgumentNullException.ThrowIfNull(recipient);
        var task = await tasks.GetAsync(notification.TaskId!, cancellationToken).ConfigureAwait(false);
        var message = new TeamsCardMessage
        {
            Notification = notification,
            Recipient = recipient,
            Summary = content.Build(notification, recipient.Language, null).Subject,
            BuildCardAsync = (userIds, ct) => cards.ForNotificationAsync(notification, recipient, task, userIds, ct),
            Links = [new NotificationLink("open", links.TaskPage(notification.TaskId!))],
        };
        return await transport.SendAsync(message, cancellationToken).ConfigureAwait(false);
    }
}
