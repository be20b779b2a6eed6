using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Workflows.Audit;

/// <summary>The hash chain: canonical form, hashing and verification, shared by every audit store.</summary>
public static class AuditChain
{
    /// <summary>The previous hash of the first entry.</summary>
    public static readonly string Genesis = new('0', 64);

    /// <summary>Builds the entry that follows <paramref name="previousHash"/> at <paramref name="sequence"/>.</summary>
    public static AuditEntry Seal(AuditRecord record, long sequence, DateTimeOffset at, string previousHash)
    {
        ArgumentNullException.ThrowIfNull(record);
        var entry = new AuditEntry
        {
            CaseId = record.CaseId,
            Sequence = sequence,
            At = at,
            ActorId = record.ActorId,
            Role = record.Role,
            OnBehalfOf = record.OnBehalfOf,
            Action = record.Action,
            Reason = record.Reason,
            Ids = new SortedDictionary<string, string>(record.Ids.ToDictionary(kv => kv.Key, kv => kv.Value), StringComparer.Ordinal),
            Amends = record.Amends,
            PreviousHash = previousHash,
            Hash = string.Empty,
        };
        return entry with { Hash = ComputeHash(entry) };
    }

    /// <summary>SHA-256 (hex) over the previous hash and the canonical JSON of the entry's content.</summary>
    public static string ComputeHash(AuditEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("previousHash", entry.PreviousHash);
            writer.WriteString("caseId", entry.CaseId);
            writer.WriteNumber("sequence", entry.Sequence);
            writer.WriteString("at", entry.At.ToUniversalTime().ToString("yyyy-MM-ddTHH:mm:ss.fffffffZ", CultureInfo.InvariantCulture));
            writer.WriteString("actorId", entry.ActorId);
            writer.WriteString("role", entry.Role);
            writer.WriteString("onBehalfOf", entry.OnBehalfOf);
            writer.WriteString("action", entry.Action);
            writer.WriteString("reason", entry.Reason);
            writer.WriteStartObject("ids");
            foreach (var (key, value) in entry.Ids.OrderBy(kv => kv.Key, StringComparer.Ordinal))
            {
                writer.WriteString(key, value);
            }

            writer.WriteEndObject();
            if (entry.Amends is { } amends)
            {
                writer.WriteNumber("amends", amends);
            }
            else
            {
                writer.WriteNull("amends");
            }

            writer.WriteEndObject();
        }

        return Convert.ToHexStringLower(SHA256.HashData(buffer.ToArray()));
    }

    /// <summary>Verifies entries read in storage order, and that the last one is the recorded head.</summary>
    public static AuditVerification Verify(IReadOnlyList<AuditEntry> entries, long? headSequence, string? headHash)
    {
        ArgumentNullException.ThrowIfNull(entries);
        var previous = Genesis;
        for (var i = 0; i < entries.Count; i++)
        {
            var entry = entries[i];
            var expected = i + 1;
            if (entry.Sequence != expected)
            {
                return new AuditVerification(false, entries.Count, expected, $"entry {expected} is missing or out of order (found {entry.Sequence})");
            }

            if (!string.Equals(entry.PreviousHash, previous, StringComparison.Ordinal))
            {
                return new AuditVerification(false, entries.Count, expected, $"entry {expected} does not follow entry {expected - 1} (the chain is broken)");
            }

            if (!string.Equals(ComputeHash(entry), entry.Hash, StringComparison.Ordinal))
            {
                return new AuditVerification(false, entries.Count, expected, $"entry {expected} was altered (its hash does not match its content)");
            }

            previous = entry.Hash;
        }

        if ((headSequence ?? 0) != entries.Count || (entries.Count > 0 && !string.Equals(headHash, previous, StringComparison.Ordinal)))
        {
            return new AuditVerification(false, entries.Count, entries.Count + 1L, $"the log's head records {headSequence ?? 0} entries but {entries.Count} remain (entries were deleted)");
        }

        return AuditVerification.Valid(entries.Count);
    }

    internal static string KeyHash(string idempotencyKey) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(idempotencyKey)))[..32];
}
