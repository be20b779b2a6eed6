namespace Workflows.Functions.Notifications;

/// <summary>
/// How a channel dealt with a notification: sent, or not deliverable by this channel to this recipient
/// (no address, Teams app not installed) — recorded and audited once, not a failure. Failures are exceptions.
/// </summary>
public sealed record ChannelOutcome
{
    private ChannelOutcome(string? notDeliverableReason)
    {
        NotDeliverableReason = notDeliverableReason;
    }

    /// <summary>Handed to the provider (or stored in the development outbox).</summary>
    public static ChannelOutcome Sent { get; } = new((string?)null);

    /// <summary>Why this channel cannot reach the recipient (a code such as <c>NoAddress</c>); null when sent.</summary>
    public string? NotDeliverableReason { get; }

    public bool IsSent => NotDeliverableReason is null;

    /// <summary>This channel cannot reach the recipient; <paramref name="reason"/> is a code, never personal data.</summary>
    public static ChannelOutcome NotDeliverable(string reason)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(reason);
        return new ChannelOutcome(reason);
    }

    public override string ToString() => IsSent ? "Sent" : "NotDeliverable:" + NotDeliverableReason;
}
