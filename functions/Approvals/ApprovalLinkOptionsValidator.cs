using Microsoft.Extensions.Options;

namespace Workflows.Functions.Approvals;

/// <summary>
/// Checks the approval-link settings at start-up, so a deployment without a signing key fails to start
/// with a message naming the setting instead of failing at the first email. Only Development may leave
/// the key empty (a fixed development key is used then).
/// </summary>
internal sealed class ApprovalLinkOptionsValidator(IHostEnvironment environment) : IValidateOptions<ApprovalLinkOptions>
{
    /// <summary>The shortest signing key accepted.</summary>
    public const int MinimumKeyLength = 32;

    public ValidateOptionsResult Validate(string? name, ApprovalLinkOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = new List<string>();
        if (string.IsNullOrEmpty(options.SigningKey))
        {
            if (!environment.IsDevelopment())
            {
                errors.Add($"Setting Workflows:ApprovalLinks:SigningKey is missing: set it to a random secret of at least {MinimumKeyLength} characters (a Key Vault reference in Azure).");
            }
        }
        else if (options.SigningKey.Length < MinimumKeyLength)
        {
            errors.Add($"Setting Workflows:ApprovalLinks:SigningKey is too short: use at least {MinimumKeyLength} random characters.");
        }

        if (options.Lifetime <= TimeSpan.Zero)
        {
            errors.Add("Setting Workflows:ApprovalLinks:Lifetime must be a positive duration such as 30.00:00:00.");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
