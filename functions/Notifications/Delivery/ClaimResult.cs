namespace Workflows.Functions.Notifications.Delivery;

/// <summary>The answer to a claim: claimed, already done (sent, skipped or given up), or held by another delivery until a time.</summary>
public sealed record ClaimResult
{
    public DeliveryClaim? Claim { get; private init; }

    public bool Done { get; private init; }

    public DateTimeOffset? BusyUntil { get; private init; }

    public static ClaimResult Claimed(DeliveryClaim claim) => new() { Claim = claim };

    public static ClaimResult AlreadyDone { get; } = new() { Done = true };

    public static ClaimResult Busy(DateTimeOffset until) => new() { BusyUntil = until };
}
