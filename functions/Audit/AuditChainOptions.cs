namespace Workflows.Functions.Audit;

/// <summary>Settings of the audit chain (section <c>Workflows:Audit</c>).</summary>
public sealed class AuditChainOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Workflows:Audit";

    /// <summary>
    /// The secret that keys the audit chain's HMAC (at least 32 characters; the Key Vault secret
    /// <c>audit-chain-key</c> in Azure). To rotate it, move the old value to <see cref="RetiredChainKeys"/> first:
    /// entries sealed with a key that is in neither setting no longer verify. In Development a fixed development
    /// key is used when it is empty.
    /// </summary>
    public string ChainKey { get; set; } = string.Empty;

    /// <summary>
    /// The keys <see cref="ChainKey"/> replaced, oldest first, separated by spaces, commas or line breaks (the Key
    /// Vault secret <c>audit-chain-retired-keys</c> in Azure). They only verify entries sealed before each rotation;
    /// new entries are always sealed with <see cref="ChainKey"/>.
    /// </summary>
    public string RetiredChainKeys { get; set; } = string.Empty;

    /// <summary>
    /// During a rotation, the key that will replace <see cref="ChainKey"/> (the Key Vault secret
    /// <c>audit-chain-next-key</c> in Azure): staged on every host first, it seals only entries of cases that already
    /// moved to it, so hosts configured before and after the switch can overlap. Empty outside a rotation.
    /// </summary>
    public string NextChainKey { get; set; } = string.Empty;

    /// <summary>The retired keys, oldest first.</summary>
    public IReadOnlyList<string> RetiredKeys() =>
        RetiredChainKeys.Split([' ', ',', '\n', '\r', '\t'], StringSplitOptions.RemoveEmptyEntries);
}
