using Workflows.Engine.AzureStorage;
using Workflows.Engine.Hosting;
using Workflows.Functions.Configuration;

namespace Workflows.Functions.Hosting;

/// <summary>The engine's Azure Storage backend from the host's settings, shared by the app and the timer wake-up job.</summary>
public static class EngineStorageSetup
{
    /// <summary>
    /// Uses Azure Storage as <c>Workflows:Storage</c> says: a connection string (Azurite locally) or an account
    /// name with the managed identity; <c>Workflows:Engine:PartitionCount</c> sets the control queues.
    /// </summary>
    public static EngineBuilder UseWorkflowsStorage(this EngineBuilder engine, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var credential = string.IsNullOrWhiteSpace(configuration["Workflows:Storage:ConnectionString"]) ? StorageClients.Credential(configuration) : null;
        return engine.UseAzureStorage(configuration.GetSection(AzureStorageOptions.SectionName), credential, options =>
        {
            if (configuration.GetValue<int?>(HostSettings.EnginePartitionCount) is { } partitions)
            {
                options.PartitionCount = partitions;
            }
        });
    }
}
