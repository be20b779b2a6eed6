using Microsoft.Extensions.Options;
using Workflows.Audit;

namespace Workflows.Functions.Audit;

/// <summary>
/// Checks the audit chain keys at start-up: outside Development a host without one would seal entries
/// with the public development key, which anyone could recompute, so it refuses to start and names the
/// setting; retired keys must be as long, and neither repeated nor the current key.
/// </summary>
internal sealed class AuditChainOptionsValidator(IHostEnvironment environment) : IValidateOptions<AuditChainOptions>
{
    public ValidateOptionsResult Validate(string? name, AuditChainOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var retired = options.RetiredKeys();
        if (string.IsNullOrEmpty(options.ChainKey))
        {
            if (retired.Count > 0 || options.NextChainKey.Length > 0)
            {
                return ValidateOptionsResult.Fail("Setting Workflows:Audit:ChainKey is missing while Workflows:Audit:RetiredChainKeys or NextChainKey is set: new entries need a current key.");
            }

            return environment.IsDevelopment()
                ? ValidateOptionsResult.Success
                : ValidateOptionsResult.Fail($"Setting Workflows:Audit:ChainKey is missing: set it to a random secret of at least {AuditChainKey.MinimumLength} characters (the Key Vault secret audit-chain-key in Azure).");
        }

        if (options.ChainKey.Length < AuditChainKey.MinimumLength)
        {
            return ValidateOptionsResult.Fail($"Setting Workflows:Audit:ChainKey is too short: use at least {AuditChainKey.MinimumLength} random characters.");
        }

        for (var i = 0; i < retired.Count; i++)
        {
            // Positions, never values: the settings are secrets.
            if (retired[i].Length < AuditChainKey.MinimumLength)
            {
                return ValidateOptionsResult.Fail($"Setting Workflows:Audit:RetiredChainKeys: key {i + 1} is shorter than {AuditChainKey.MinimumLength} characters (keys are separated by spaces, commas or line breaks).");
            }

            if (string.Equals(retired[i], options.ChainKey, StringComparison.Ordinal) || retired.Take(i).Contains(retired[i], StringComparer.Ordinal))
            {
                return ValidateOptionsResult.Fail($"Setting Workflows:Audit:RetiredChainKeys: key {i + 1} is given twice or is also the current Workflows:Audit:ChainKey.");
            }
        }

        if (options.NextChainKey.Length > 0 && options.NextChainKey.Length < AuditChainKey.MinimumLength)
        {
            return ValidateOptionsResult.Fail($"Setting Workflows:Audit:NextChainKey is shorter than {AuditChainKey.MinimumLength} characters.");
        }

        if (options.NextChainKey.Length > 0 && (options.NextChainKey == options.ChainKey || retired.Contains(options.NextChainKey, StringComparer.Ordinal)))
        {
            return ValidateOptionsResult.Fail("Setting Workflows:Audit:NextChainKey is the current or a retired key: stage a new one.");
        }

        return ValidateOptionsResult.Success;
    }
}
