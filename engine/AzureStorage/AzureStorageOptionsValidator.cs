using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;

namespace Workflows.Engine.AzureStorage;

/// <summary>Checks <see cref="AzureStorageOptions"/> at start-up; every message names the setting to fix.</summary>
public sealed partial class AzureStorageOptionsValidator : IValidateOptions<AzureStorageOptions>
{
    private const string Prefix = AzureStorageOptions.SectionName + ":";

    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, AzureStorageOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = new List<string>();
        var hasUris = options.TableServiceUri is not null || options.QueueServiceUri is not null || options.BlobServiceUri is not null;
        if (string.IsNullOrWhiteSpace(options.ConnectionString) && string.IsNullOrWhiteSpace(options.AccountName) && !hasUris)
        {
            errors.Add($"{Prefix}ConnectionString or {Prefix}AccountName must be set (for local development, copy local.settings.sample.json to local.settings.json; it uses UseDevelopmentStorage=true).");
        }

        if (string.IsNullOrWhiteSpace(options.ConnectionString) && string.IsNullOrWhiteSpace(options.AccountName) && hasUris
            && (options.TableServiceUri is null || options.QueueServiceUri is null || options.BlobServiceUri is null))
        {
            errors.Add($"{Prefix}TableServiceUri, {Prefix}QueueServiceUri and {Prefix}BlobServiceUri must be set together.");
        }

        if (!string.IsNullOrWhiteSpace(options.AccountName) && !AccountNamePattern().IsMatch(options.AccountName))
        {
            errors.Add($"{Prefix}AccountName must be 3 to 24 lowercase letters and digits.");
        }

        if (string.IsNullOrWhiteSpace(options.TaskHub) || !TaskHubPattern().IsMatch(options.TaskHub))
        {
            errors.Add($"{Prefix}TaskHub must be 3 to 45 lowercase letters and digits, starting with a letter (it was '{options.TaskHub}').");
        }

        if (options.PartitionCount is < 1 or > 16)
        {
            errors.Add($"{Prefix}PartitionCount must be between 1 and 16 (it was {options.PartitionCount}).");
        }

        if (options.LeaseDuration < TimeSpan.FromSeconds(15) || options.LeaseDuration > TimeSpan.FromSeconds(60))
        {
            errors.Add($"{Prefix}LeaseDuration must be between 15 and 60 seconds (a blob lease limit).");
        }

        if (options.LeaseRenewInterval <= TimeSpan.Zero || options.LeaseRenewInterval >= options.LeaseDuration)
        {
            errors.Add($"{Prefix}LeaseRenewInterval must be positive and shorter than {Prefix}LeaseDuration.");
        }

        if (options.MinPollingInterval <= TimeSpan.Zero || options.MaxPollingInterval < options.MinPollingInterval)
        {
            errors.Add($"{Prefix}MinPollingInterval must be positive and not above {Prefix}MaxPollingInterval.");
        }

        if (options.MessageBatchSize is < 1 or > 32)
        {
            errors.Add($"{Prefix}MessageBatchSize must be between 1 and 32 (a queue service limit).");
        }

        if (options.ControlMessageVisibilityTimeout < TimeSpan.FromSeconds(5) || options.WorkItemVisibilityTimeout < TimeSpan.FromSeconds(5))
        {
            errors.Add($"{Prefix}ControlMessageVisibilityTimeout and {Prefix}WorkItemVisibilityTimeout must be at least 5 seconds.");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    [GeneratedRegex("^[a-z][a-z0-9]{2,44}$")]
    private static partial Regex TaskHubPattern();

    [GeneratedRegex("^[a-z0-9]{3,24}$")]
    private static partial Regex AccountNamePattern();
}
