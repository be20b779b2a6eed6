using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;
using Workflows.Functions.Notifications;

namespace Workflows.Functions.Teams;

/// <summary>
/// Posts the task card to the person's personal chat with the bot through the Bot Connector. The
/// conversation comes from the stored reference, or is opened with the person's Entra object id (their
/// id in the Graph directory); someone who has not installed the app is not deliverable on Teams (email
/// still reaches them), which is audited, not failed.
/// </summary>
public sealed partial class BotConnectorCardTransport(
    BotConnectorClient connector,
    ITeamsConversationStore conversations,
    IOptions<TeamsOptions> teams,
    IOptions<Notifications.Graph.GraphOptions> graph,
    TimeProvider time,
    ILogger<BotConnectorCardTransport> logger) : ITeamsCardTransport
{
    public async Task<ChannelOutcome> SendAsync(TeamsCardMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        var personId = message.Recipient.PersonId;
        var conversation = await conversations.FindByPersonAsync(personId, cancellationToken).ConfigureAwait(false);
        if (conversation?.ConversationId is null)
        {
            conversation = await OpenAsync(personId, conversation, cancellationToken).ConfigureAwait(false);
            if (conversation is null)
            {
                LogNotReachable(logger, message.Notification.CaseId, message.Notification.TaskId);
                return ChannelOutcome.NotDeliverable("NotReachableOnTeams");
            }
        }

        var userIds = conversation.UserMri is { } mri ? new[] { mri } : [];
        var card = await message.BuildCardAsync(userIds, cancellationToken).ConfigureAwait(false);
        var activity = new JsonObject
        {
            ["type"] = "message",
            ["summary"] = message.Summary,
            ["text"] = message.Summary,
            ["attachments"] = new JsonArray(new JsonObject
            {
                ["contentType"] = "application/vnd.microsoft.card.adaptive",
                ["content"] = card,
            }),
        };
        await connector.SendToConversationAsync(new Uri(conversation.ServiceUrl!), conversation.ConversationId!, activity, cancellationToken).ConfigureAwait(false);
        return ChannelOutcome.Sent;
    }

    private async Task<TeamsConversation?> OpenAsync(string personId, TeamsConversation? known, CancellationToken cancellationToken)
    {
        var aadObjectId = known?.AadObjectId ?? (Guid.TryParse(personId, out _) ? personId : null);
        var tenantId = known?.TenantId ?? FirstNonEmpty(teams.Value.BotTenantId, graph.Value.TenantId);
        if (aadObjectId is null || tenantId is null)
        {
            return null;
        }

        var serviceUrl = new Uri(known?.ServiceUrl ?? teams.Value.ServiceUrl);
        var conversationId = await connector.CreatePersonalConversationAsync(serviceUrl, aadObjectId, tenantId, cancellationToken).ConfigureAwait(false);
        if (conversationId is null)
        {
            return null;
        }

        var opened = new TeamsConversation
        {
            PersonId = personId,
            AadObjectId = aadObjectId,
            ConversationId = conversationId,
            ServiceUrl = serviceUrl.AbsoluteUri,
            TenantId = tenantId,
            UpdatedAt = time.GetUtcNow(),
        };
        await conversations.SaveAsync(opened, cancellationToken).ConfigureAwait(false);
        return (await conversations.FindByPersonAsync(personId, cancellationToken).ConfigureAwait(false)) ?? opened;
    }

    private static string? FirstNonEmpty(params string[] values) => values.FirstOrDefault(v => !string.IsNullOrWhiteSpace(v));

    [LoggerMessage(1, LogLevel.Information, "Task card for case {CaseId}, task {TaskId} not posted: the recipient is not reachable on Teams (app not installed or no Entra id); email still reaches them.")]
    private static partial void LogNotReachable(ILogger logger, string caseId, string? taskId);
}
