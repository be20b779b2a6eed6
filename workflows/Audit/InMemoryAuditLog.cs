namespace Workflows.Audit;

/// <summary>The in-memory twin of the audit log (tests and development); without a key it uses <see cref="AuditChainKey.Development"/>.</summary>
public sealed class InMemoryAuditLog(TimeProvider time, AuditChainKey? key = null) : IAuditLog
{
    private readonly AuditChainKey _key = key ?? AuditChainKey.Development;
    private readonly Dictionary<string, List<AuditEntry>> _entries = new(StringComparer.Ordinal);
    private readonly Dictionary<string, AuditEntry> _byKey = new(StringComparer.Ordinal);
    private readonly Dictionary<string, AuditEntry> _heads = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();

    public Task<AuditEntry> AppendAsync(AuditRecord record, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(record);
        lock (_gate)
        {
            if (record.IdempotencyKey is { } key && _byKey.TryGetValue(record.CaseId + "|" + key, out var existing))
            {
                return Task.FromResult(existing);
            }

            if (!_entries.TryGetValue(record.CaseId, out var list))
            {
                list = [];
                _entries[record.CaseId] = list;
            }

            var entry = AuditChain.Seal(record, list.Count + 1, time.GetUtcNow(), list.Count == 0 ? AuditChain.Genesis : list[^1].Hash, _key, list.Count == 0 ? null : list[^1].KeyId);
            list.Add(entry);
            _heads[record.CaseId] = entry;
            if (record.IdempotencyKey is { } k)
            {
                _byKey[record.CaseId + "|" + k] = entry;
            }

            return Task.FromResult(entry);
        }
    }

    public Task<IReadOnlyList<AuditEntry>> ReadAsync(string caseId, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            return Task.FromResult<IReadOnlyList<AuditEntry>>(_entries.TryGetValue(caseId, out var list) ? list.ToList() : []);
        }
    }

    public async Task<AuditVerification> VerifyAsync(string caseId, CancellationToken cancellationToken = default) =>
        (await ReadVerifiedAsync(caseId, cancellationToken).ConfigureAwait(false)).Verification;

    public Task<AuditTrail> ReadVerifiedAsync(string caseId, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            var list = _entries.TryGetValue(caseId, out var l) ? l.ToList() : [];
            var head = _heads.GetValueOrDefault(caseId);
            return Task.FromResult(new AuditTrail(list, AuditChain.Verify(list, head?.Sequence, head?.Hash, _key)));
        }
    }

    /// <summary>Every entry of every case (tests).</summary>
    public IReadOnlyList<AuditEntry> All
    {
        get
        {
            lock (_gate)
            {
                return _entries.Values.SelectMany(e => e).ToList();
            }
        }
    }

    /// <summary>Replaces a case's stored entries, and its head when given (tests of tamper detection only).</summary>
    internal void ReplaceForTest(string caseId, List<AuditEntry> entries, AuditEntry? head = null)
    {
        lock (_gate)
        {
            _entries[caseId] = entries;
            if (head is not null)
            {
                _heads[caseId] = head;
            }
        }
    }
}
