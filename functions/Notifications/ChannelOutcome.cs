namespace Workflows.Functions.Notifications;

/// <summary>How a channel dealt with a notification (failures are exceptions).</summary>
public enum ChannelOutcome
{
    Sent,

    /// <summary>Nothing to send here for this recipient (e.g. not reachable on Teams); not a failure.</summary>
    Skipped,
}
