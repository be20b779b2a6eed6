using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Workflows.Engine.Client;
using Workflows.Engine.Serialization;

namespace Workflows.Engine.Hosting;

/// <summary>Adds the engine to a service collection.</summary>
public static class EngineServiceCollectionExtensions
{
    /// <summary>
    /// Adds the engine: the registry built by <paramref name="configure"/>, the worker, the client and
    /// options. A backend (<see cref="Backend.IOrchestrationBackend"/>) must be registered too.
    /// </summary>
    public static IServiceCollection AddOrchestrationEngine(this IServiceCollection services, Action<EngineBuilder> configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configure);
        var registry = services.Select(d => d.ImplementationInstance).OfType<OrchestrationRegistry>().FirstOrDefault();
        if (registry is null)
        {
            registry = new OrchestrationRegistry();
            services.AddSingleton(registry);
        }

        services.AddOptions<EngineOptions>();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(sp => new DataConverter(sp.GetRequiredService<IOptions<EngineOptions>>().Value.SerializerOptions));
        services.TryAddSingleton<OrchestrationWorker>();
        services.TryAddSingleton<OrchestrationClient>();
        configure(new EngineBuilder(services, registry));
        return services;
    }
}
