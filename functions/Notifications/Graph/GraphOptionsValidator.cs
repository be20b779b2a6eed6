using Microsoft.Extensions.Options;

namespace Workflows.Functions.Notifications.Graph;

/// <summary>Checks the Graph settings when Graph mail or the Graph directory is selected.</summary>
internal sealed class GraphOptionsValidator(bool mail, bool directory) : IValidateOptions<GraphOptions>
{
    public ValidateOptionsResult Validate(string? name, GraphOptions options)
    {
        if (!mail && !directory)
        {
            return ValidateOptionsResult.Success;
        }

        var why = mail ? "Workflows:Notifications:Channel is Graph" : "Workflows:Directory:Source is Graph";
        var errors = new List<string>();
        if (mail && string.IsNullOrWhiteSpace(options.SenderMailbox))
        {
            errors.Add($"Setting Workflows:Graph:SenderMailbox is missing ({why}): set it to the mailbox mail is sent from, e.g. workflows@your-domain.");
        }

        if (!string.IsNullOrWhiteSpace(options.ClientSecret))
        {
            if (!Guid.TryParse(options.TenantId, out _))
            {
                errors.Add("Setting Workflows:Graph:TenantId must be the Entra tenant id (a GUID) when Workflows:Graph:ClientSecret is set.");
            }

            if (!Guid.TryParse(options.ClientId, out _))
            {
                errors.Add("Setting Workflows:Graph:ClientId must be the app registration's client id (a GUID) when Workflows:Graph:ClientSecret is set.");
            }
        }

        if (!Uri.TryCreate(options.BaseUrl, UriKind.Absolute, out var baseUrl) || baseUrl.Scheme != "https")
        {
            errors.Add("Setting Workflows:Graph:BaseUrl must be an absolute https URL such as https://graph.microsoft.com/v1.0.");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
