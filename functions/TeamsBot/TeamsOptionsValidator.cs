using Microsoft.Extensions.Options;

namespace Workflows.Functions.Teams;

/// <summary>Checks the Teams settings when the bot is on; each message names the setting.</summary>
internal sealed class TeamsOptionsValidator : IValidateOptions<TeamsOptions>
{
    public ValidateOptionsResult Validate(string? name, TeamsOptions options)
    {
        if (!options.Enabled)
        {
            return ValidateOptionsResult.Success;
        }

        var errors = new List<string>();
        if (!Guid.TryParse(options.BotAppId, out _))
        {
            errors.Add("Setting Workflows:Teams:BotAppId must be the bot's Entra app id (a GUID), or empty to turn the Teams bot off.");
        }

        if (!string.IsNullOrWhiteSpace(options.BotTenantId) && !Guid.TryParse(options.BotTenantId, out _))
        {
            errors.Add("Setting Workflows:Teams:BotTenantId must be the Entra tenant id (a GUID) of a single-tenant bot, or empty.");
        }

        foreach (var (setting, value) in new[]
        {
            ("OpenIdMetadataUrl", options.OpenIdMetadataUrl),
            ("ServiceUrl", options.ServiceUrl),
            ("TokenEndpoint", options.ResolvedTokenEndpoint.AbsoluteUri),
        })
        {
            if (!Uri.TryCreate(value, UriKind.Absolute, out var uri) || uri.Scheme != "https")
            {
                errors.Add($"Setting Workflows:Teams:{setting} must be an absolute https URL.");
            }
        }

        if (options.ValidIssuers.Count == 0)
        {
            errors.Add("Setting Workflows:Teams:ValidIssuers must list at least one issuer (https://api.botframework.com).");
        }

        if (options.ClockSkew < TimeSpan.Zero || options.ClockSkew > TimeSpan.FromMinutes(10))
        {
            errors.Add("Setting Workflows:Teams:ClockSkew must be between 00:00:00 and 00:10:00.");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
