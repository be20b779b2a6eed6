namespace Workflows.Audit;

/// <summary>The result of verifying a case's chain: valid, or the first broken sequence number and why.</summary>
public sealed record AuditVerification(bool IsValid, int EntryCount, long? BrokenAt = null, string? Problem = null)
{
    public static AuditVerification Valid(int count) => new(true, count);
}
