using Microsoft.Extensions.Options;

namespace Workflows.Functions.Notifications;

/// <summary>Checks the notification settings at start-up; each message names the setting to fix.</summary>
internal sealed class NotificationOptionsValidator : IValidateOptions<NotificationOptions>
{
    public ValidateOptionsResult Validate(string? name, NotificationOptions options)
    {
        var errors = new List<string>();
        if (!NotificationTexts.Languages.Contains(options.DefaultLanguage))
        {
            errors.Add($"Setting Workflows:DefaultLanguage is '{options.DefaultLanguage}'; use one of {string.Join(", ", NotificationTexts.Languages)}.");
        }

        if (!Uri.TryCreate(options.PublicBaseUrl, UriKind.Absolute, out var baseUrl) || baseUrl.Scheme is not ("http" or "https"))
        {
            errors.Add("Setting Workflows:PublicBaseUrl must be the app's absolute public http(s) address (http://localhost:7071 locally); links in messages are built from it.");
        }

        if (options.MaxAttempts is < 1 or > 20)
        {
            errors.Add("Setting Workflows:Notifications:MaxAttempts must be between 1 and 20 (the attempts of the notifying activity's retry policy).");
        }

        if (options.ClaimLease < TimeSpan.FromSeconds(10))
        {
            errors.Add("Setting Workflows:Notifications:ClaimLease must be at least 00:00:10.");
        }

        if (!options.MessageFacts.HasFlag(MessageFacts.Minimal) || (options.MessageFacts & ~(MessageFacts.Minimal | MessageFacts.Workflow | MessageFacts.Due | MessageFacts.Result)) != 0)
        {
            errors.Add($"Setting Workflows:Notifications:MessageFacts is '{options.MessageFacts}'; list the facts messages may show: CaseReference and Step, plus any of Workflow, Due, Result (e.g. \"CaseReference, Step, Workflow, Due\").");
        }

        try
        {
            TimeZoneInfo.FindSystemTimeZoneById(options.TimeZone);
        }
        catch (Exception ex) when (ex is TimeZoneNotFoundException or InvalidTimeZoneException)
        {
            errors.Add($"Setting Workflows:Notifications:TimeZone '{options.TimeZone}' is not a known time zone; use an id such as UTC or Asia/Almaty.");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
