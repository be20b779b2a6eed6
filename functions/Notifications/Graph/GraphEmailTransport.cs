using Microsoft.Extensions.Options;
using Microsoft.Graph;
using Microsoft.Graph.Models;
using Microsoft.Graph.Users.Item.SendMail;
using Workflows.Functions.Notifications.Email;
using Workflows.Notifications;

namespace Workflows.Functions.Notifications.Graph;

/// <summary>
/// Sends mail as the application from the configured mailbox: <c>POST /users/{sender}/sendMail</c>
/// (202 = accepted). Graph takes one body, so the HTML goes there; Exchange adds the plain-text part of
/// the MIME message it delivers (remote domains default to <c>MimeHtmlText</c>). Throttling and server
/// errors are retried by the client's pipeline, honouring <c>Retry-After</c>.
/// </summary>
public sealed class GraphEmailTransport(GraphServiceClient graph, IOptions<GraphOptions> options) : IEmailTransport
{
    public async Task SendAsync(EmailMessage message, Notification notification, NotificationRecipient recipient, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (string.IsNullOrWhiteSpace(message.ToAddress))
        {
            throw new NotificationDeliveryException("NoAddress", transient: false);
        }

        var body = new SendMailPostRequestBody
        {
            Message = new Message
            {
                Subject = message.Subject,
                Body = new ItemBody { ContentType = BodyType.Html, Content = message.Html },
                ToRecipients = [new Recipient { EmailAddress = new EmailAddress { Address = message.ToAddress, Name = message.ToName } }],
                Importance = notification?.Kind is NotificationKind.Escalation ? Importance.High : Importance.Normal,
            },
            SaveToSentItems = options.Value.SaveToSentItems,
        };
        try
        {
            await graph.Users[options.Value.SenderMailbox].SendMail.PostAsync(body, cancellationToken: cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            throw NotificationDeliveryException.From(ex, "Graph");
        }
    }
}
