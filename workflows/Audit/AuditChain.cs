using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Workflows.Audit;

/// <summary>
/// The keyed hash chain: canonical form, sealing and verification, shared by every audit store. Entries
/// are sealed with HMAC-SHA256 under the <see cref="AuditChainKey"/> (<see cref="KeyedFormat"/>); entries
/// written before the key existed (<see cref="UnkeyedFormat"/>, plain SHA-256) still verify, but only as a
/// prefix of the chain and counted in <see cref="AuditVerification.UnkeyedCount"/>, because anyone can
/// recompute them.
/// </summary>
public static class AuditChain
{
    /// <summary>The previous hash of the first entry.</summary>
    public static readonly string Genesis = new('0', 64);

    /// <summary>Entries sealed with plain SHA-256, before the chain was keyed.</summary>
    public const int UnkeyedFormat = 1;

    /// <summary>Entries sealed with HMAC-SHA256 under the chain key.</summary>
    public const int KeyedFormat = 2;

    /// <summary>Builds the entry that follows <paramref name="previousHash"/> at <paramref name="sequence"/>, sealed with <paramref name="key"/>.</summary>
    public static AuditEntry Seal(AuditRecord record, long sequence, DateTimeOffset at, string previousHash, AuditChainKey key)
    {
        ArgumentNullException.ThrowIfNull(record);
        ArgumentNullException.ThrowIfNull(key);
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
            Format = KeyedFormat,
        };
        return entry with { Hash = ComputeHash(entry, key) };
    }

    /// <summary>
    /// The entry's seal (hex) over the previous hash and the canonical JSON of its content: HMAC-SHA256
    /// under <paramref name="key"/> for <see cref="KeyedFormat"/>, SHA-256 for <see cref="UnkeyedFormat"/>.
    /// </summary>
    /// <exception cref="ArgumentException">The entry's format is unknown.</exception>
    public static string ComputeHash(AuditEntry entry, AuditChainKey key)
    {
        ArgumentNullException.ThrowIfNull(entry);
        ArgumentNullException.ThrowIfNull(key);
        return entry.Format switch
        {
            UnkeyedFormat => Convert.ToHexStringLower(SHA256.HashData(Canonical(entry))),
            KeyedFormat => key.Mac(Canonical(entry)),
            _ => throw new ArgumentException($"Unknown audit entry format {entry.Format}.", nameof(entry)),
        };
    }

    private static byte[] Canonical(AuditEntry entry)
    {
        var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            if (entry.Format != UnkeyedFormat)
            {
                // The format is sealed too, so an entry cannot be relabelled; unkeyed entries keep their original form.
                writer.WriteNumber("format", entry.Format);
            }

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

        return buffer.ToArray();
    }

    /// <summary>Verifies entries read in storage order with <paramref name="key"/>, and that the last one is the recorded head.</summary>
    public static AuditVerification Verify(IReadOnlyList<AuditEntry> entries, long? headSequence, string? headHash, AuditChainKey key)
    {
        ArgumentNullException.ThrowIfNull(entries);
        ArgumentNullException.ThrowIfNull(key);
        var previous = Genesis;
        var unkeyed = 0;
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

            if (entry.Format is not (UnkeyedFormat or KeyedFormat))
            {
                return new AuditVerification(false, entries.Count, expected, $"entry {expected} has an unknown format ({entry.Format})");
            }

            if (entry.Format == UnkeyedFormat)
            {
                if (unkeyed != i)
                {
                    return new AuditVerification(false, entries.Count, expected, $"entry {expected} is unkeyed after keyed entries (the chain was downgraded)");
                }

                unkeyed++;
            }

            if (!string.Equals(ComputeHash(entry, key), entry.Hash, StringComparison.Ordinal))
            {
                return new AuditVerification(false, entries.Count, expected, $"entry {expected} was altered (its hash does not match its content)");
            }

            previous = entry.Hash;
        }

        if ((headSequence ?? 0) != entries.Count || (entries.Count > 0 && !string.Equals(headHash, previous, StringComparison.Ordinal)))
        {
            return new AuditVerification(false, entries.Count, entries.Count + 1L, $"the log's head records {headSequence ?? 0} entries but {entries.Count} remain (entries were deleted)");
        }

        return AuditVerification.Valid(entries.Count) with { UnkeyedCount = unkeyed };
    }

    internal static string KeyHash(string idempotencyKey) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(idempotencyKey)))[..32];
}
