using Workflows.Notifications;

namespace Workflows.Functions.Notifications.Email;

/// <summary>
/// The email channel: every notification, rendered in the recipient's language with its links. A
/// decision notice to the person concerned (who has no address) goes to the staff member who hands it
/// over (<see cref="HandDelivery"/>); when nobody can, that is a failure for an administrator to resolve.
/// A staff recipient without an address is not deliverable by email (audited, not a failure).
/// </summary>
public sealed class EmailChannel(MessageContentBuilder content, EmailRenderer renderer, NotificationLinkBuilder links, IEmailTransport transport) : INotificationChannel
{
    public const string ChannelName = "Email";

    public string Name => ChannelName;

    public bool Carries(Notification notification, NotificationRecipient recipient) => true;

    public async Task<ChannelOutcome> SendAsync(Notification notification, NotificationRecipient recipient, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(notification);
        ArgumentNullException.ThrowIfNull(recipient);
        if (recipient.Person is null && recipient.HandDelivery is null)
        {
            // The person concerned must be told of a decision (safeguard 6): with nobody to hand the notice over, an administrator has to step in.
            return notification.Kind == NotificationKind.DecisionNotice
                ? throw new NotificationDeliveryException("NoHandDeliverer", transient: false)
                : ChannelOutcome.NotDeliverable("NotInDirectory");
        }

        var message = await ComposeAsync(notification, recipient, cancellationToken).ConfigureAwait(false);
        if (string.IsNullOrWhiteSpace(message.ToAddress))
        {
            return ChannelOutcome.NotDeliverable("NoAddress");
        }

        await transport.SendAsync(message, notification, recipient, cancellationToken).ConfigureAwait(false);
        return ChannelOutcome.Sent;
    }

    /// <summary>Renders the email (issuing approval links when the notification asks for a decision).</summary>
    public async Task<EmailMessage> ComposeAsync(Notification notification, NotificationRecipient recipient, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(notification);
        ArgumentNullException.ThrowIfNull(recipient);
        if (recipient.HandDelivery is { } delivery)
        {
            var notice = content.Build(notification, recipient.Language, null);
            var cover = content.BuildHandDelivery(notification, notice, delivery);
            IReadOnlyList<NotificationLink> caseLink = [new("case", links.CasePage(notification.CaseId))];
            return Message(delivery.Deliverer.Id, delivery.Deliverer.Email, delivery.Deliverer.DisplayName, cover, caseLink);
        }

        var words = content.Build(notification, recipient.Language, recipient.Person?.DisplayName);
        var issued = await links.BuildAsync(notification, cancellationToken).ConfigureAwait(false);
        return Message(recipient.PersonId, recipient.Person?.Email ?? string.Empty, recipient.Person?.DisplayName, words, issued);
    }

    private EmailMessage Message(string personId, string address, string? name, MessageContent words, IReadOnlyList<NotificationLink> issued) => new()
    {
        ToPersonId = personId,
        ToAddress = address,
        ToName = name,
        Language = words.Language,
        Subject = words.Subject,
        Html = renderer.Html(words, issued),
        Text = renderer.Text(words, issued),
        Links = issued,
    };
}
