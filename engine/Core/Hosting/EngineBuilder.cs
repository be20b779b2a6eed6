using Microsoft.Extensions.DependencyInjection;

namespace Workflows.Engine.Hosting;

/// <summary>Registers orchestrations and activities with the engine (see <see cref="EngineServiceCollectionExtensions.AddOrchestrationEngine"/>).</summary>
public sealed class EngineBuilder
{
    internal EngineBuilder(IServiceCollection services, OrchestrationRegistry registry)
    {
        Services = services;
        Registry = registry;
    }

    /// <summary>The service collection, for backends and hosts to add their services.</summary>
    public IServiceCollection Services { get; }

    /// <summary>The registry being built.</summary>
    public OrchestrationRegistry Registry { get; }

    /// <summary>Registers an orchestration class under the name and version of its <see cref="OrchestrationNameAttribute"/> (or its class name).</summary>
    public EngineBuilder AddOrchestration<TOrchestration>()
        where TOrchestration : class, IOrchestration
    {
        var (name, version) = OrchestrationRegistry.NameOf(typeof(TOrchestration));
        Registry.AddOrchestration(name, version, sp => ActivatorUtilities.CreateInstance<TOrchestration>(sp));
        return this;
    }

    /// <summary>Registers orchestrator code given as a function (handy for tests and small utilities).</summary>
    public EngineBuilder AddOrchestration<TInput, TOutput>(string name, Func<OrchestrationContext, TInput, Task<TOutput>> code, string version = "")
    {
        Registry.AddOrchestration(name, version, code);
        return this;
    }

    /// <summary>Registers an activity class under the name of its <see cref="ActivityNameAttribute"/> (or its class name).</summary>
    public EngineBuilder AddActivity<TActivity>()
        where TActivity : class, IActivity
    {
        Registry.AddActivity(OrchestrationRegistry.ActivityNameOf(typeof(TActivity)), sp => ActivatorUtilities.CreateInstance<TActivity>(sp));
        return this;
    }

    /// <summary>Registers an activity given as a function.</summary>
    public EngineBuilder AddActivity<TInput, TOutput>(string name, Func<TaskActivityContext, TInput, Task<TOutput>> code)
    {
        Registry.AddActivity(name, code);
        return this;
    }

    /// <summary>Registers a synchronous activity given as a function.</summary>
    public EngineBuilder AddActivity<TInput, TOutput>(string name, Func<TInput, TOutput> code)
    {
        ArgumentNullException.ThrowIfNull(code);
        return AddActivity<TInput, TOutput>(name, (_, input) => Task.FromResult(code(input)));
    }

    /// <summary>Changes engine options.</summary>
    public EngineBuilder Configure(Action<EngineOptions> configure)
    {
        Services.Configure(configure);
        return this;
    }

    /// <summary>Runs the orchestration and activity dispatchers as a hosted service in this process.</summary>
    public EngineBuilder AddWorker()
    {
        Services.AddHostedService<OrchestrationDispatcher>();
        return this;
    }
}
