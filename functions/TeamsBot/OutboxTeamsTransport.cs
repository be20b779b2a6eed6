using System.Text.Json;
using Workflows.Functions.Notifications;
using Workflows.Functions.Notifications.Outbox;

namespace Workflows.Functions.Teams;

/// <summary>Development: stores the task card in the outbox instead of posting it to Teams.</summary>
public sealed class OutboxTeamsTransport(IOutboxStore outbox, TimeProvider time) : ITeamsCardTransport
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    public async Task<ChannelOutcome> SendAsync(TeamsCardMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        var card = await message.BuildCardAsync([], cancellationToken).ConfigureAwait(false);
        var now = time.GetUtcNow();
        var notification = message.Notification;
        await outbox.AddAsync(
            new OutboxMessage
            {
                Id = OutboxFilter.NewId(now),
                CreatedAt = now,
                Channel = TeamsChannel.ChannelName,
                Kind = notification.Kind.ToString(),
                RecipientId = message.Recipient.PersonId,
                Language = message.Recipient.Language,
                CaseId = notification.CaseId,
                CaseReference = notification.CaseReference,
                TaskId = notification.TaskId,
                Subject = message.Summary,
                Body = message.Summary,
                Card = card.ToJsonString(Indented),
                Links = message.Links,
                Key = notification.IdempotencyKey + "|" + TeamsChannel.ChannelName,
            },
            cancellationToken).ConfigureAwait(false);
        return ChannelOutcome.Sent;
    }
}
