namespace Workflows.Functions.Notifications.Delivery;

/// <summary>A delivery's hold on one notification key: the attempt number and the store's concurrency token.</summary>
public sealed record DeliveryClaim(string Key, int Attempt, string ETag);
