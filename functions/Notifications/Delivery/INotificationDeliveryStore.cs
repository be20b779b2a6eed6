namespace Workflows.Functions.Notifications.Delivery;

/// <summary>
/// Exactly-once bookkeeping of sends: each notification key (the activity's idempotency key plus the
/// channel) is claimed with a conditional insert before sending and marked when done, so a redelivered
/// activity skips what was sent and two concurrent deliveries never both send.
/// </summary>
public interface INotificationDeliveryStore
{
    /// <summary>Claims <paramref name="key"/> for <paramref name="lease"/>; counts the attempt.</summary>
    Task<ClaimResult> TryClaimAsync(string key, TimeSpan lease, CancellationToken cancellationToken = default);

    /// <summary>Records how the claimed attempt ended. <see cref="DeliveryState.Sent"/> always wins; other states only while the claim is current.</summary>
    Task CompleteAsync(DeliveryClaim claim, DeliveryState state, string? reason, CancellationToken cancellationToken = default);

    Task<DeliveryRecord?> GetAsync(string key, CancellationToken cancellationToken = default);
}
