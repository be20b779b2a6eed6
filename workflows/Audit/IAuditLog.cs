namespace Workflows.Audit;

/// <summary>
/// Safeguard 10: an append-only, hash-chained log per case. Each entry's hash is HMAC-SHA256, under a
/// key kept outside storage (<see cref="AuditChainKey"/>), over the previous entry's hash and the entry's
/// canonical form; <see cref="VerifyAsync"/> detects edited, deleted and reordered entries, and a chain
/// recomputed after an edit by someone without the key. Concurrent appends to one case never fork the
/// chain. Removing the last entries together with the head is caught only by a write-once copy (the host's
/// immutable audit copy verifies against it).
/// </summary>
public interface IAuditLog
{
    Task<AuditEntry> AppendAsync(AuditRecord record, CancellationToken cancellationToken = default);

    Task<IReadOnlyList<AuditEntry>> ReadAsync(string caseId, CancellationToken cancellationToken = default);

    Task<AuditVerification> VerifyAsync(string caseId, CancellationToken cancellationToken = default);

    /// <summary>The entries of a case and their verification from a single read (what an audit view shows).</summary>
    Task<AuditTrail> ReadVerifiedAsync(string caseId, CancellationToken cancellationToken = default);
}
