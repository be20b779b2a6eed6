using System.Text.Json.Nodes;
using Workflows.Functions.Notifications;
using Workflows.Notifications;

namespace Workflows.Functions.Teams;

/// <summary>A task card to deliver: the notification, the recipient, a text summary, and the card built once the refresh list is known.</summary>
public sealed record TeamsCardMessage
{
    public required Notification Notification { get; init; }

    public required NotificationRecipient Recipient { get; init; }

    /// <summary>The notification preview text (the subject).</summary>
    public required string Summary { get; init; }

    /// <summary>Builds the card for a refresh list of Teams user ids.</summary>
    public required Func<IReadOnlyList<string>, CancellationToken, Task<JsonObject>> BuildCardAsync { get; init; }

    /// <summary>The links the card carries (the task page).</summary>
    public required IReadOnlyList<NotificationLink> Links { get; init; }
}
