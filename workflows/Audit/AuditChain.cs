using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Workflows.Audit;

/// <summary>
/// The keyed hash chain: canonical form, sealing and verification, shared by every audit store. Entries
/// are sealed with HMAC-SHA256 under the current <see cref="AuditChainKey"/> and carry its id
/// (<see cref="NamedKeyFormat"/>), so the key can be rotated: entries sealed before a rotation verify under the
/// retired key they name, and a chain never goes back from a newer key to an older one. Entries sealed before
/// keys had ids (<see cref="KeyedFormat"/>) verify under any key held, and only before the first named one.
/// Entries written before the chain was keyed (<see cref="UnkeyedFormat"/>, plain SHA-256) still verify, but
/// only as a prefix of the chain and counted in <see cref="AuditVerification.UnkeyedCount"/>, because anyone
/// can recompute them.
/// </summary>
public static class AuditChain
{
    /// <summary>The previous hash of the first entry.</summary>
    public static readonly string Genesis = new('0', 64);

    /// <summary>Entries sealed with plain SHA-256, before the chain was keyed.</summary>
    public const int UnkeyedFormat = 1;

    /// <summary>Entries sealed with HMAC-SHA256 under the chain key, before keys had ids (and could be rotated).</summary>
    public const int KeyedFormat = 2;

    /// <summary>Entries sealed with HMAC-SHA256 under the key whose id they carry (<see cref="AuditEntry.KeyId"/>).</summary>
    public const int NamedKeyFormat = 3;

    /// <summary>
    /// Builds the entry that follows <paramref name="previousHash"/> at <paramref name="sequence"/>, sealed with the
    /// current key of <paramref name="key"/> — or with its staged next key when the previous entry
    /// (<paramref name="previousKeyId"/>) already uses it, so that a case never goes back to an older key.
    /// </summary>
    public static AuditEntry Seal(AuditRecord record, long sequence, DateTimeOffset at, string previousHash, AuditChainKey key, string? previousKeyId = null)
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
            Format = NamedKeyFormat,
            KeyId = key.KeyIds[key.SealingIndex(previousKeyId)],
        };
        return entry with { Hash = ComputeHash(entry, key) };
    }

    /// <summary>
    /// The entry's seal (hex) over the previous hash and the canonical JSON of its content: HMAC-SHA256 under the
    /// key of <paramref name="key"/> the entry names for <see cref="NamedKeyFormat"/>, under the current key for
    /// <see cref="KeyedFormat"/>, SHA-256 for <see cref="UnkeyedFormat"/>.
    /// </summary>
    /// <exception cref="ArgumentException">The entry's format is unknown, or it names a key <paramref name="key"/> does not hold.</exception>
    public static string ComputeHash(AuditEntry entry, AuditChainKey key)
    {
        ArgumentNullException.ThrowIfNull(entry);
        ArgumentNullException.ThrowIfNull(key);
        return entry.Format switch
        {
            UnkeyedFormat => Convert.ToHexStringLower(SHA256.HashData(Canonical(entry))),
            KeyedFormat => key.Mac(Canonical(entry)),
            NamedKeyFormat when key.IndexOf(entry.KeyId) >= 0 => key.Mac(key.IndexOf(entry.KeyId), Canonical(entry)),
            NamedKeyFormat => throw new ArgumentException($"The audit entry names key {entry.KeyId}, which is not held.", nameof(entry)),
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

            if (entry.Format == NamedKeyFormat)
            {
                writer.WriteString("keyId", entry.KeyId);
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

    /// <summary>
    /// Verifies entries read in storage order with the keys of <paramref name="key"/>, and that the last one is the
    /// recorded head.
    /// </summary>
    public static AuditVerification Verify(IReadOnlyList<AuditEntry> entries, long? headSequence, string? headHash, AuditChainKey key)
    {
        ArgumentNullException.ThrowIfNull(entries);
        ArgumentNullException.ThrowIfNull(key);
        var previous = Genesis;
        var unkeyed = 0;
        var retired = 0;
        var newestKey = -1;
        for (var i = 0; i < entries.Count; i++)
        {
            var entry = entries[i];
            var expected = i + 1;
            if (Problem(entry, expected, previous, unkeyed == i, ref newestKey, key, out var sealedWith) is { } problem)
            {
                return new AuditVerification(false, entries.Count, expected, problem);
            }

            unkeyed += entry.Format == UnkeyedFormat ? 1 : 0;
            retired += sealedWith >= 0 && sealedWith < key.CurrentIndex ? 1 : 0;
            previous = entry.Hash;
        }

        if ((headSequence ?? 0) != entries.Count || (entries.Count > 0 && !string.Equals(headHash, previous, StringComparison.Ordinal)))
        {
            return new AuditVerification(false, entries.Count, entries.Count + 1L, $"the log's head records {headSequence ?? 0} entries but {entries.Count} remain (entries were deleted)");
        }

        return AuditVerification.Valid(entries.Count) with { UnkeyedCount = unkeyed, RetiredKeyCount = retired };
    }

    /// <summary>
    /// What is wrong with the entry at <paramref name="expected"/>, or null; <paramref name="newestKey"/> is the newest
    /// named key seen so far, <paramref name="sealedWith"/> the index of the key that sealed the entry (-1: none).
    /// </summary>
    private static string? Problem(AuditEntry entry, long expected, string previous, bool onlyUnkeyedBefore, ref int newestKey, AuditChainKey key, out int sealedWith)
    {
        sealedWith = -1;
        if (entry.Sequence != expected)
        {
            return $"entry {expected} is missing or out of order (found {entry.Sequence})";
        }

        if (!string.Equals(entry.PreviousHash, previous, StringComparison.Ordinal))
        {
            return $"entry {expected} does not follow entry {expected - 1} (the chain is broken)";
        }

        switch (entry.Format)
        {
            case UnkeyedFormat when !onlyUnkeyedBefore:
                return $"entry {expected} is unkeyed after keyed entries (the chain was downgraded)";
            case UnkeyedFormat:
                return Matches(entry.Hash, Convert.ToHexStringLower(SHA256.HashData(Canonical(entry)))) ? null : Altered(expected);
            case KeyedFormat when newestKey >= 0:
                return $"entry {expected} names no key after entries that name theirs (the chain was downgraded)";
            case KeyedFormat:
                var canonical = Canonical(entry);
                sealedWith = Enumerable.Range(0, key.KeyIds.Count).FirstOrDefault(k => Matches(entry.Hash, key.Mac(k, canonical)), -1);
                return sealedWith >= 0 ? null : Altered(expected);
            case NamedKeyFormat:
                var index = key.IndexOf(entry.KeyId);
                if (index < 0)
                {
                    return $"entry {expected} is sealed with key {entry.KeyId}, which is not among the keys held (a retired key missing from the settings, or a forged seal)";
                }

                if (index < newestKey)
                {
                    return $"entry {expected} is sealed with a key retired before the key of an earlier entry (the chain went back to an old key)";
                }

                newestKey = index;
                sealedWith = index;
                return Matches(entry.Hash, key.Mac(index, Canonical(entry))) ? null : Altered(expected);
            default:
                return $"entry {expected} has an unknown format ({entry.Format})";
        }
    }

    private static bool Matches(string stored, string computed) => string.Equals(stored, computed, StringComparison.Ordinal);

    private static string Altered(long sequence) => $"entry {sequence} was altered (its hash does not match its content)";

    internal static string KeyHash(string idempotencyKey) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(idempotencyKey)))[..32];
}
