using Microsoft.Extensions.Options;
using Workflows.Audit;

namespace Workflows.Functions.Audit;

/// <summary>
/// Checks the audit chain key at start-up: outside Development a host without one would seal entries
/// with the public development key, which anyone could recompute, so it refuses to start and names the
/// setting.
/// </summary>
internal sealed class AuditChainOptionsValidator(IHostEnvironment environment) : IValidateOptions<AuditChainOptions>
{
    public ValidateOptionsResult Validate(string? name, AuditChainOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (string.IsNullOrEmpty(options.ChainKey))
        {
            return environment.IsDevelopment()
                ? ValidateOptionsResult.Success
                : ValidateOptionsResult.Fail($"Setting Workflows:Audit:ChainKey is missing: set it to a random secret of at least {AuditChainKey.MinimumLength} characters (the Key Vault secret audit-chain-key in Azure).");
        }

        return options.ChainKey.Length < AuditChainKey.MinimumLength
            ? ValidateOptionsResult.Fail($"Setting Workflows:Audit:ChainKey is too short: use at least {AuditChainKey.MinimumLength} random characters.")
            : ValidateOptionsResult.Success;
    }
}
