using Azure.Core;
using Azure.Data.Tables;
using Azure.Identity;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;
using Workflows.Functions.Configuration;

namespace Workflows.Functions.Hosting;

/// <summary>
/// The Azure Storage clients of the domain stores, built from the same settings as the engine:
/// <c>Workflows:Storage:ConnectionString</c> (Azurite locally) or <c>Workflows:Storage:AccountName</c>
/// with the app's managed identity (shared keys are disabled in Azure).
/// </summary>
public static class StorageClients
{
    /// <summary>The credential used with an account name (managed identity in Azure, developer sign-in locally).</summary>
    public static TokenCredential Credential(IConfiguration configuration) =>
        new DefaultAzureCredential(new DefaultAzureCredentialOptions { ManagedIdentityClientId = configuration[HostSettings.ManagedIdentityClientId] });

    /// <summary>Registers <see cref="TableServiceClient"/>, <see cref="BlobServiceClient"/> and <see cref="QueueServiceClient"/>.</summary>
    public static IServiceCollection AddStorageClients(this IServiceCollection services, IConfiguration configuration)
    {
        var connectionString = configuration["Workflows:Storage:ConnectionString"];
        var accountName = configuration["Workflows:Storage:AccountName"];
        if (!string.IsNullOrWhiteSpace(connectionString))
        {
            services.AddSingleton(new TableServiceClient(connectionString));
            services.AddSingleton(new BlobServiceClient(connectionString));
            services.AddSingleton(new QueueServiceClient(connectionString));
        }
        else if (!string.IsNullOrWhiteSpace(accountName))
        {
            var credential = Credential(configuration);
            services.AddSingleton(new TableServiceClient(new Uri($"https://{accountName}.table.core.windows.net"), credential));
            services.AddSingleton(new BlobServiceClient(new Uri($"https://{accountName}.blob.core.windows.net"), credential));
            services.AddSingleton(new QueueServiceClient(new Uri($"https://{accountName}.queue.core.windows.net"), credential));
        }
        else
        {
            throw new InvalidOperationException(
                "Setting Workflows:Storage:ConnectionString or Workflows:Storage:AccountName is missing: " +
                "locally use UseDevelopmentStorage=true (copy local.settings.sample.json to local.settings.json), in Azure the storage account name.");
        }

        return services;
    }
}
