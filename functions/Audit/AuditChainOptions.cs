namespace Workflows.Functions.Audit;

/// <summary>Settings of the audit chain (section <c>Workflows:Audit</c>).</summary>
public sealed class AuditChainOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Workflows:Audit";

    /// <summary>
    /// The secret that keys the audit chain's HMAC (at least 32 characters; the Key Vault secret
    /// <c>audit-chain-key</c> in Azure). Never change it once entries are written: earlier entries would no
    /// longer verify. In Development a fixed development key is used when it is empty.
    /// </summary>
    public string ChainKey { get; set; } = string.Empty;
}
