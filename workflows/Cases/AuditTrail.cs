using Workflows.Audit;

namespace Workflows.Cases;

public sealed record AuditTrail(IReadOnlyList<AuditEntry> Entries, AuditVerification Verification);
