namespace Workflows.Audit;

/// <summary>The result of verifying a case's chain: valid, or the first broken sequence number and why.</summary>
public sealed record AuditVerification(bool IsValid, int EntryCount, long? BrokenAt = null, string? Problem = null)
{
    /// <summary>
    /// How many leading entries are unkeyed (sealed before the chain key existed): anyone with write access
    /// to storage could recompute them, so only a match with the write-once copy authenticates them.
    /// </summary>
    public int UnkeyedCount { get; init; }

    /// <summary>
    /// How many entries are sealed with retired keys (before a rotation): whoever still holds such a key could
    /// reseal them, and every entry after them, so only a match with the write-once copy authenticates them.
    /// </summary>
    public int RetiredKeyCount { get; init; }

    public static AuditVerification Valid(int count) => new(true, count);
}
