using Workflows.Functions.Notifications;

namespace Workflows.Functions.Teams;

/// <summary>Delivers a task card (to Teams, or to the development outbox).</summary>
public interface ITeamsCardTransport
{
    Task<ChannelOutcome> SendAsync(TeamsCardMessage message, CancellationToken cancellationToken);
}
