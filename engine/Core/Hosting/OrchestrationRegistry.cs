using System.Reflection;

namespace Workflows.Engine.Hosting;

/// <summary>
/// The orchestrations (by name and version) and activities (by name) this host can run. Names are
/// case-insensitive. Built by <see cref="EngineBuilder"/>; tests may replace activities.
/// </summary>
public sealed class OrchestrationRegistry
{
    private readonly Dictionary<string, SortedDictionary<string, Func<IServiceProvider, IOrchestration>>> _orchestrations =
        new(StringComparer.OrdinalIgnoreCase);

    private readonly Dictionary<string, Func<IServiceProvider, IActivity>> _activities = new(StringComparer.OrdinalIgnoreCase);
    private readonly Lock _gate = new();

    /// <summary>Names of the registered orchestrations.</summary>
    public IReadOnlyCollection<string> OrchestrationNames
    {
        get
        {
            lock (_gate)
            {
                return [.. _orchestrations.Keys];
            }
        }
    }

    /// <summary>Names of the registered activities.</summary>
    public IReadOnlyCollection<string> ActivityNames
    {
        get
        {
            lock (_gate)
            {
                return [.. _activities.Keys];
            }
        }
    }

    /// <summary>Registers an orchestration factory under a name and version (a later registration replaces an earlier one).</summary>
    public void AddOrchestration(string name, string version, Func<IServiceProvider, IOrchestration> factory)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(factory);
        lock (_gate)
        {
            if (!_orchestrations.TryGetValue(name, out var versions))
            {
                versions = new SortedDictionary<string, Func<IServiceProvider, IOrchestration>>(VersionComparer.Instance);
                _orchestrations[name] = versions;
            }

            versions[version ?? string.Empty] = factory;
        }
    }

    /// <summary>
    /// Removes one version of an orchestration, as a deployment that no longer carries it would; instances
    /// that run that version then wait with a stuck reason until it is registered again. Returns whether it was registered.
    /// </summary>
    public bool RemoveOrchestration(string name, string version)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        lock (_gate)
        {
            if (!_orchestrations.TryGetValue(name, out var versions) || !versions.Remove(version ?? string.Empty))
            {
                return false;
            }

            if (versions.Count == 0)
            {
                _orchestrations.Remove(name);
            }

            return true;
        }
    }

    /// <summary>Registers (or replaces) an activity factory under a name.</summary>
    public void AddActivity(string name, Func<IServiceProvider, IActivity> factory)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(factory);
        lock (_gate)
        {
            _activities[name] = factory;
        }
    }

    /// <summary>Registers (or replaces) an activity given as a function.</summary>
    public void AddActivity<TInput, TOutput>(string name, Func<TaskActivityContext, TInput, Task<TOutput>> code)
    {
        ArgumentNullException.ThrowIfNull(code);
        AddActivity(name, _ => new FunctionActivity<TInput, TOutput>(code));
    }

    /// <summary>Registers an orchestration given as a function.</summary>
    public void AddOrchestration<TInput, TOutput>(string name, string version, Func<OrchestrationContext, TInput, Task<TOutput>> code)
    {
        ArgumentNullException.ThrowIfNull(code);
        AddOrchestration(name, version, _ => new FunctionOrchestration<TInput, TOutput>(code));
    }

    /// <summary>The newest registered version of an orchestration, or null if the name is unknown.</summary>
    public string? GetLatestVersion(string name)
    {
        lock (_gate)
        {
            return _orchestrations.TryGetValue(name, out var versions) && versions.Count > 0 ? versions.Keys.Last() : null;
        }
    }

    /// <summary>Finds the factory of an orchestration version.</summary>
    public Func<IServiceProvider, IOrchestration>? FindOrchestration(string name, string version)
    {
        lock (_gate)
        {
            return _orchestrations.TryGetValue(name, out var versions) && versions.TryGetValue(version ?? string.Empty, out var factory)
                ? factory
                : null;
        }
    }

    /// <summary>Finds the factory of an activity.</summary>
    public Func<IServiceProvider, IActivity>? FindActivity(string name)
    {
        lock (_gate)
        {
            return _activities.TryGetValue(name, out var factory) ? factory : null;
        }
    }

    /// <summary>The name and version declared by an orchestration class.</summary>
    public static (string Name, string Version) NameOf(Type orchestrationType)
    {
        ArgumentNullException.ThrowIfNull(orchestrationType);
        var attribute = orchestrationType.GetCustomAttribute<OrchestrationNameAttribute>();
        return (attribute?.Name ?? orchestrationType.Name, attribute?.Version ?? string.Empty);
    }

    /// <summary>The name declared by an activity class.</summary>
    public static string ActivityNameOf(Type activityType)
    {
        ArgumentNullException.ThrowIfNull(activityType);
        return activityType.GetCustomAttribute<ActivityNameAttribute>()?.Name ?? activityType.Name;
    }

    /// <summary>Orders versions numerically when both parse as versions or integers, otherwise ordinally.</summary>
    private sealed class VersionComparer : IComparer<string>
    {
        public static readonly VersionComparer Instance = new();

        public int Compare(string? x, string? y)
        {
            if (System.Version.TryParse(Normalize(x), out var a) && System.Version.TryParse(Normalize(y), out var b))
            {
                return a.CompareTo(b);
            }

            return string.CompareOrdinal(x, y);
        }

        private static string? Normalize(string? v) =>
            v is not null && int.TryParse(v, System.Globalization.CultureInfo.InvariantCulture, out var n) ? $"{n}.0" : v;
    }
}
