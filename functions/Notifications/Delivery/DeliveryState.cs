namespace Workflows.Functions.Notifications.Delivery;

/// <summary>The state of one notification on one channel, keyed by its idempotency key.</summary>
public enum DeliveryState
{
    /// <summary>A delivery holds it (until its lease ends).</summary>
    Sending,

    /// <summary>Sent: a redelivery skips it.</summary>
    Sent,

    /// <summary>Not deliverable by this channel (no address, Teams app not installed): audited once, not a failure; a redelivery skips it.</summary>
    Skipped,

    /// <summary>An attempt failed; the next delivery tries again.</summary>
    Failed,

    /// <summary>The last attempt failed: recorded as failed, never tried again.</summary>
    GaveUp,
}
