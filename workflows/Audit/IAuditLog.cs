namespace Workflows.Audit;

/// <summary>
/// Safeguard 10: an append-only, hash-chained log per case. Each entry's hash is SHA-256 over the
/// previous entry's hash and the entry's canonical form; <see cref="VerifyAsync"/> detects edited,
/// deleted and reordered entries. Concurrent appends to one case never fork the chain.
/// </summary>
public interface IAuditLog
{
    Task<AuditEntry> AppendAsync(AuditRecord record, CancellationToken cancellationToken = default);

    Task<IReadOnlyList<AuditEntry>> ReadAsync(string caseId, CancellationToken cancellationToken = default);

    Task<AuditVerification> VerifyAsync(string caseId, CancellationToken cancellationToken = default);
}
