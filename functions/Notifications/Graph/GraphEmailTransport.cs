using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using Microsoft.Graph;
using Microsoft.Graph.Models;
using Microsoft.Graph.Models.ODataErrors;
using Microsoft.Graph.Users.Item.SendMail;
using Microsoft.Kiota.Abstractions;
using Microsoft.Kiota.Abstractions.Serialization;
using Workflows.Functions.Notifications.Email;
using Workflows.Notifications;

namespace Workflows.Functions.Notifications.Graph;

/// <summary>
/// Sends mail as the application from the configured mailbox: <c>POST /users/{sender}/sendMail</c>
/// (202 = accepted). By default the body is the MIME message (<c>Content-Type: text/plain</c>, base64), a
/// <c>multipart/alternative</c> of the plain text and the HTML; with <see cref="GraphMailFormat.Html"/> it
/// is a Graph message with the HTML body. Throttling and server errors are retried by the client's
/// pipeline, honouring <c>Retry-After</c>.
/// </summary>
public sealed class GraphEmailTransport(GraphServiceClient graph, IOptions<GraphOptions> options, TimeProvider time) : IEmailTransport
{
    private static readonly Dictionary<string, ParsableFactory<IParsable>> Errors = new(StringComparer.Ordinal)
    {
        ["XXX"] = ODataError.CreateFromDiscriminatorValue,
    };

    public async Task SendAsync(EmailMessage message, Notification notification, NotificationRecipient recipient, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentNullException.ThrowIfNull(notification);
        if (string.IsNullOrWhiteSpace(message.ToAddress))
        {
            throw new NotificationDeliveryException("NoAddress", transient: false);
        }

        var settings = options.Value;
        var sendMail = graph.Users[settings.SenderMailbox].SendMail;
        var important = notification.Kind is NotificationKind.Escalation;
        try
        {
            if (settings.MailFormat == GraphMailFormat.Html)
            {
                await sendMail.PostAsync(JsonBody(message, important), cancellationToken: cancellationToken).ConfigureAwait(false);
                return;
            }

            var request = new RequestInformation { HttpMethod = Method.POST, URI = sendMail.ToPostRequestInformation(new SendMailPostRequestBody()).URI };
            request.Headers.Add("Accept", "application/json");
            var mime = MimeMail.Write(message, Address(settings.SenderMailbox), time.GetUtcNow(), MessageId(notification, settings.SenderMailbox), important);
            request.SetStreamContent(new MemoryStream(Encoding.ASCII.GetBytes(Convert.ToBase64String(mime))), "text/plain");
            await graph.RequestAdapter.SendNoContentAsync(request, Errors, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            throw NotificationDeliveryException.From(ex, "Graph");
        }
    }

    /// <summary>
    /// The same for every send of one notification (derived from its key, which holds ids only), so a
    /// copy sent again after a crash is recognisably the same message.
    /// </summary>
    internal static string MessageId(Notification notification, string senderMailbox)
    {
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(notification.IdempotencyKey + "|" + EmailChannel.ChannelName)))[..32];
        var at = senderMailbox.LastIndexOf('@');
        return hash + "@" + (at > 0 ? senderMailbox[(at + 1)..] : "workflows.invalid");
    }

    private static string? Address(string senderMailbox) => senderMailbox.Contains('@', StringComparison.Ordinal) ? senderMailbox : null;

    private static SendMailPostRequestBody JsonBody(EmailMessage message, bool important) => new()
    {
        Message = new Message
        {
            Subject = message.Subject,
            Body = new ItemBody { ContentType = BodyType.Html, Content = message.Html },
            ToRecipients = [new Recipient { EmailAddress = new EmailAddress { Address = message.ToAddress, Name = message.ToName } }],
            Importance = important ? Importance.High : Importance.Normal,
        },
        SaveToSentItems = false,
    };
}
