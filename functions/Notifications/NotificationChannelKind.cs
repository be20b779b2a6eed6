namespace Workflows.Functions.Notifications;

/// <summary>Where notifications go (<c>Workflows:Notifications:Channel</c>).</summary>
public enum NotificationChannelKind
{
    /// <summary>Stored in the development outbox, never sent; listed by <c>GET /dev/outbox</c>.</summary>
    Outbox,

    /// <summary>Email through Microsoft Graph, and Teams cards through the bot when it is configured.</summary>
    Graph,
}
