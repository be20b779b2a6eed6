namespace Workflows.Audit;

/// <summary>One entry of a case's hash-chained audit log.</summary>
public sealed record AuditEntry
{
    public required string CaseId { get; init; }

    public required long Sequence { get; init; }

    public required DateTimeOffset At { get; init; }

    public required string ActorId { get; init; }

    public string? Role { get; init; }

    public string? OnBehalfOf { get; init; }

    public required string Action { get; init; }

    public string? Reason { get; init; }

    public IReadOnlyDictionary<string, string> Ids { get; init; } = new Dictionary<string, string>();

    public long? Amends { get; init; }

    public required string PreviousHash { get; init; }

    /// <summary>The entry's seal: HMAC-SHA256 under a chain key, or plain SHA-256 for an unkeyed entry (see <see cref="Format"/>).</summary>
    public required string Hash { get; init; }

    /// <summary>How <see cref="Hash"/> was computed: <see cref="AuditChain.NamedKeyFormat"/>, <see cref="AuditChain.KeyedFormat"/>, or <see cref="AuditChain.UnkeyedFormat"/> for entries stored without a format.</summary>
    public int Format { get; init; } = AuditChain.UnkeyedFormat;

    /// <summary>The id of the chain key that sealed a <see cref="AuditChain.NamedKeyFormat"/> entry (<see cref="AuditChainKey.Id"/>).</summary>
    public string? KeyId { get; init; }
}
