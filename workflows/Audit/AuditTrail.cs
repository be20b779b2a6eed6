namespace Workflows.Audit;

/// <summary>A case's audit entries, in order, with the verification of exactly those entries (one read of the log).</summary>
public sealed record AuditTrail(IReadOnlyList<AuditEntry> Entries, AuditVerification Verification);
