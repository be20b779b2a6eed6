using System.Security.Cryptography;
using System.Text;

namespace Workflows.Audit;

/// <summary>
/// The secret key of the audit chain's HMAC. It lives outside storage (a Key Vault secret in Azure), so
/// someone who can write to the audit table can neither forge an entry nor recompute the chain after an
/// edit. It must never change once entries are sealed with it.
/// </summary>
public sealed class AuditChainKey
{
    /// <summary>The shortest secret accepted, in characters.</summary>
    public const int MinimumLength = 32;

    private readonly byte[] _key;

    private AuditChainKey(byte[] key) => _key = key;

    /// <summary>A fixed, public key for development and tests only: it protects nothing.</summary>
    public static AuditChainKey Development { get; } = new(SHA256.HashData("workflows-development-audit-chain-key (not a secret)"u8));

    /// <summary>The key from a configured secret of at least <see cref="MinimumLength"/> characters.</summary>
    /// <exception cref="ArgumentException">The secret is missing or too short.</exception>
    public static AuditChainKey FromSecret(string secret)
    {
        if (string.IsNullOrEmpty(secret) || secret.Length < MinimumLength)
        {
            throw new ArgumentException($"The audit chain key must have at least {MinimumLength} characters.", nameof(secret));
        }

        return new AuditChainKey(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));
    }

    internal string Mac(byte[] data) => Convert.ToHexStringLower(HMACSHA256.HashData(_key, data));
}
