using Azure.Core;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Workflows.Engine.Backend;
using Workflows.Engine.Hosting;

namespace Workflows.Engine.AzureStorage;

/// <summary>Registers the Azure Storage backend with the engine.</summary>
public static class AzureStorageEngineBuilderExtensions
{
    /// <summary>
    /// Uses Azure Storage as the engine's backend: registers <see cref="AzureStorageOrchestrationBackend"/>
    /// as <see cref="IOrchestrationBackend"/>, validates <see cref="AzureStorageOptions"/> at start-up,
    /// and ties the backend's leases and background loops to the host's lifetime.
    /// </summary>
    public static EngineBuilder UseAzureStorage(this EngineBuilder engine, Action<AzureStorageOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(engine);
        ArgumentNullException.ThrowIfNull(configure);
        engine.Services.Configure(configure);
        Register(engine.Services);
        return engine;
    }

    /// <summary>
    /// Uses Azure Storage with settings bound from a configuration section (normally
    /// <c>Workflows:Storage</c>) and, for <see cref="AzureStorageOptions.AccountName"/> or service URIs,
    /// a credential such as a managed identity.
    /// </summary>
    public static EngineBuilder UseAzureStorage(this EngineBuilder engine, IConfiguration section, TokenCredential? credential = null, Action<AzureStorageOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(engine);
        ArgumentNullException.ThrowIfNull(section);
        engine.Services.AddOptions<AzureStorageOptions>().Bind(section).Configure(options =>
        {
            options.Credential ??= credential;
            configure?.Invoke(options);
        });
        Register(engine.Services);
        return engine;
    }

    private static void Register(IServiceCollection services)
    {
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<AzureStorageOptions>, AzureStorageOptionsValidator>());
        services.AddOptions<AzureStorageOptions>().ValidateOnStart();
        services.TryAddSingleton<AzureStorageOrchestrationBackend>();
        services.TryAddSingleton<IOrchestrationBackend>(sp => sp.GetRequiredService<AzureStorageOrchestrationBackend>());
        services.AddHostedService<AzureStorageBackendService>();
    }
}
