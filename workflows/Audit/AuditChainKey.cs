using System.Security.Cryptography;
using System.Text;

namespace Workflows.Audit;

/// <summary>
/// The secret keys of the audit chain's HMAC: the current key, which seals new entries, the retired keys it
/// replaced, kept only to verify entries sealed before each rotation, and during a rotation the next key, staged
/// on every host before any seals with it: a host follows a case whose newest entry already uses it, so hosts of
/// the old and the new configuration can overlap without a case's chain going back to an older key. They live outside storage (Key Vault secrets
/// in Azure), so someone who can write to the audit table can neither forge an entry nor recompute the chain after
/// an edit. Each key has a public id (a fingerprint, not the key) that the entries it seals carry.
/// </summary>
public sealed class AuditChainKey
{
    /// <summary>The shortest secret accepted, in characters.</summary>
    public const int MinimumLength = 32;

    // Oldest first: the retired keys, the current key, then the next key when one is staged.
    private readonly byte[][] _keys;
    private readonly string[] _ids;

    private AuditChainKey(byte[][] keys, int current)
    {
        _keys = keys;
        _ids = keys.Select(KeyId).ToArray();
        CurrentIndex = current;
    }

    /// <summary>A fixed, public key for development and tests only: it protects nothing.</summary>
    public static AuditChainKey Development { get; } = new([SHA256.HashData("workflows-development-audit-chain-key (not a secret)"u8)], 0);

    /// <summary>The id of the current key, which new entries carry.</summary>
    public string Id => _ids[CurrentIndex];

    /// <summary>The ids of every key held, oldest first: the retired keys, the current key, the staged next key.</summary>
    public IReadOnlyList<string> KeyIds => _ids;

    /// <summary>Where the current key is in <see cref="KeyIds"/>: keys before it are retired, a key after it is the next.</summary>
    public int CurrentIndex { get; }

    /// <summary>
    /// The key from a configured secret of at least <see cref="MinimumLength"/> characters, with the secrets of the
    /// keys it replaced (oldest first), which only verify, and the staged next key, if any.
    /// </summary>
    /// <exception cref="ArgumentException">A secret is missing, too short, or given twice.</exception>
    public static AuditChainKey FromSecret(string secret, IEnumerable<string>? retiredSecrets = null, string? nextSecret = null)
    {
        var retired = (retiredSecrets ?? []).ToList();
        var secrets = retired.Append(secret).Concat(string.IsNullOrEmpty(nextSecret) ? [] : [nextSecret]).ToList();
        if (secrets.Any(s => string.IsNullOrEmpty(s) || s.Length < MinimumLength))
        {
            throw new ArgumentException($"Every audit chain key must have at least {MinimumLength} characters.", nameof(secret));
        }

        if (secrets.Distinct(StringComparer.Ordinal).Count() != secrets.Count)
        {
            throw new ArgumentException("An audit chain key is given twice (the current key cannot also be retired).", nameof(retiredSecrets));
        }

        return new AuditChainKey(secrets.Select(s => SHA256.HashData(Encoding.UTF8.GetBytes(s))).ToArray(), retired.Count);
    }

    /// <summary>
    /// The key to seal the entry after one sealed with <paramref name="headKeyId"/>: the current key, or the newer key
    /// the case already moved to (a host still configured before the switch follows one configured after it).
    /// </summary>
    internal int SealingIndex(string? headKeyId) => Math.Max(CurrentIndex, IndexOf(headKeyId));

    /// <summary>The seal under the current key.</summary>
    internal string Mac(byte[] data) => Mac(CurrentIndex, data);

    /// <summary>The seal under the key at <paramref name="index"/> of <see cref="KeyIds"/>.</summary>
    internal string Mac(int index, byte[] data) => Convert.ToHexStringLower(HMACSHA256.HashData(_keys[index], data));

    /// <summary>Where the key with <paramref name="id"/> is in <see cref="KeyIds"/>; -1 when this ring does not hold it.</summary>
    internal int IndexOf(string? id) => id is null ? -1 : Array.IndexOf(_ids, id);

    // A fingerprint that names the key without revealing it: HMAC of a fixed label under the key.
    private static string KeyId(byte[] key) => Convert.ToHexStringLower(HMACSHA256.HashData(key, "workflows-audit-chain-key-id"u8))[..16];
}
