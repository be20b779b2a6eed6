using System.Globalization;

namespace Workflows.Functions.Notifications.Delivery;

/// <summary>The in-memory twin of the delivery store (tests and quick local runs).</summary>
public sealed class InMemoryNotificationDeliveryStore(TimeProvider time) : INotificationDeliveryStore
{
    private readonly Dictionary<string, (DeliveryRecord Record, DateTimeOffset LeaseUntil, string ETag)> _rows = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();
    private long _version;

    public Task<ClaimResult> TryClaimAsync(string key, TimeSpan lease, CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow();
        lock (_gate)
        {
            var attempts = 0;
            if (_rows.TryGetValue(key, out var row))
            {
                switch (row.Record.State)
                {
                    case DeliveryState.Sent or DeliveryState.Skipped or DeliveryState.GaveUp:
                        return Task.FromResult(ClaimResult.AlreadyDone);
                    case DeliveryState.Sending when row.LeaseUntil > now:
                        return Task.FromResult(ClaimResult.Busy(row.LeaseUntil));
                }

                attempts = row.Record.Attempts;
            }

            var etag = (++_version).ToString(CultureInfo.InvariantCulture);
            _rows[key] = (new DeliveryRecord(key, DeliveryState.Sending, attempts + 1, now, null), now + lease, etag);
            return Task.FromResult(ClaimResult.Claimed(new DeliveryClaim(key, attempts + 1, etag)));
        }
    }

    public Task CompleteAsync(DeliveryClaim claim, DeliveryState state, string? reason, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(claim);
        lock (_gate)
        {
            if (state == DeliveryState.Sent || (_rows.TryGetValue(claim.Key, out var row) && row.ETag == claim.ETag))
            {
                var attempts = _rows.TryGetValue(claim.Key, out var current) ? current.Record.Attempts : claim.Attempt;
                _rows[claim.Key] = (new DeliveryRecord(claim.Key, state, attempts, time.GetUtcNow(), reason), DateTimeOffset.MinValue, (++_version).ToString(CultureInfo.InvariantCulture));
            }
        }

        return Task.CompletedTask;
    }

    public Task<DeliveryRecord?> GetAsync(string key, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            return Task.FromResult(_rows.TryGetValue(key, out var row) ? row.Record : null);
        }
    }
}
