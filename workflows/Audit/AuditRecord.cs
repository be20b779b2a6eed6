namespace Workflows.Audit;

/// <summary>What to append to a case's audit log (the log adds sequence, time and hashes).</summary>
public sealed record AuditRecord
{
    public required string CaseId { get; init; }

    public required string ActorId { get; init; }

    public string? Role { get; init; }

    public string? OnBehalfOf { get; init; }

    /// <summary>A stable action name, e.g. <c>DecisionRecorded</c>, <c>Escalated</c>, <c>SensitiveRead</c> (see <see cref="AuditActions"/>).</summary>
    public required string Action { get; init; }

    /// <summary>Reason codes and comment, as given.</summary>
    public string? Reason { get; init; }

    /// <summary>Ids that locate the action: task, instance, decision, document...</summary>
    public IReadOnlyDictionary<string, string> Ids { get; init; } = new Dictionary<string, string>();

    /// <summary>For a correction: the sequence number of the entry it amends (entries are never overwritten).</summary>
    public long? Amends { get; init; }

    /// <summary>When set, appending the same key twice appends once (activities pass their idempotency key).</summary>
    public string? IdempotencyKey { get; init; }
}
