using Workflows.Notifications;

namespace Workflows.Functions.Notifications.Email;

/// <summary>The email channel: every notification, rendered in the recipient's language with its links.</summary>
public sealed class EmailChannel(MessageContentBuilder content, EmailRenderer renderer, NotificationLinkBuilder links, IEmailTransport transport) : INotificationChannel
{
    public const string ChannelName = "Email";

    public string Name => ChannelName;

    public bool Carries(Notification notification, NotificationRecipient recipient) => true;

    public async Task<ChannelOutcome> SendAsync(Notification notification, NotificationRecipient recipient, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(notification);
        ArgumentNullException.ThrowIfNull(recipient);
        var message = await ComposeAsync(notification, recipient, cancellationToken).ConfigureAwait(false);
        await transport.SendAsync(message, notification, recipient, cancellationToken).ConfigureAwait(false);
        return ChannelOutcome.Sent;
    }

    /// <summary>Renders the email (issuing approval links when the notification asks for a decision).</summary>
    public async Task<EmailMessage> ComposeAsync(Notification notification, NotificationRecipient recipient, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(notification);
        ArgumentNullException.ThrowIfNull(recipient);
        var words = content.Build(notification, recipient.Language, recipient.Person?.DisplayName);
        var issued = await links.BuildAsync(notification, cancellationToken).ConfigureAwait(false);
        return new EmailMessage
        {
            ToAddress = recipient.Person?.Email ?? string.Empty,
            ToName = recipient.Person?.DisplayName,
            Language = recipient.Language,
            Subject = words.Subject,
            Html = renderer.Html(words, issued),
            Text = renderer.Text(words, issued),
            Links = issued,
        };
    }
}
