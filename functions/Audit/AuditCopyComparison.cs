using Workflows.Audit;

namespace Workflows.Functions.Audit;

/// <summary>
/// Checks a case's table log against its write-once copy. The copy is read before the table (an entry
/// reaches the table first), so every entry in the copy must be in the table with the same seal: an
/// entry edited, resealed, removed or truncated away in the table differs from, or is missing against,
/// the copy, whatever key the editor held. Unkeyed entries (from before the chain key) are authentic only
/// through the copy, so each must be in it.
/// </summary>
internal static class AuditCopyComparison
{
    public static AuditVerification Compare(IReadOnlyList<AuditEntry> copy, IReadOnlyList<AuditEntry> table, AuditVerification chain)
    {
        var anchored = new Dictionary<long, string>();
        foreach (var entry in copy)
        {
            // An entry may be copied twice (an append retried after a failure): the same seal both times.
            if (anchored.TryGetValue(entry.Sequence, out var seal) && !string.Equals(seal, entry.Hash, StringComparison.Ordinal))
            {
                return Broken(chain, entry.Sequence, $"the write-once copy holds two different entries {entry.Sequence} (the copy was appended to)");
            }

            anchored[entry.Sequence] = entry.Hash;
        }

        var bySequence = table.ToDictionary(e => e.Sequence);
        foreach (var (sequence, seal) in anchored.OrderBy(a => a.Key))
        {
            if (sequence > chain.EntryCount || !bySequence.TryGetValue(sequence, out var stored))
            {
                return Broken(chain, sequence, $"entry {sequence} is in the write-once copy but not in the log (entries were deleted)");
            }

            if (!string.Equals(stored.Hash, seal, StringComparison.Ordinal))
            {
                return Broken(chain, sequence, $"entry {sequence} differs from its write-once copy (it was altered)");
            }
        }

        var unanchored = table.Where(e => e.Format == AuditChain.UnkeyedFormat && !anchored.ContainsKey(e.Sequence)).Select(e => (long?)e.Sequence).FirstOrDefault();
        return unanchored is { } missing
            ? Broken(chain, missing, $"entry {missing} is unkeyed and has no write-once copy (it cannot be authenticated)")
            : chain;
    }

    private static AuditVerification Broken(AuditVerification chain, long sequence, string problem) =>
        new(false, chain.EntryCount, sequence, problem) { UnkeyedCount = chain.UnkeyedCount, RetiredKeyCount = chain.RetiredKeyCount };
}
