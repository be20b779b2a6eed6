namespace Workflows.Functions.Notifications.Delivery;

/// <summary>What the delivery store holds for one key (for diagnostics and tests).</summary>
public sealed record DeliveryRecord(string Key, DeliveryState State, int Attempts, DateTimeOffset UpdatedAt, string? Reason);
