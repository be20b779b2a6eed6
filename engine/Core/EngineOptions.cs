using System.Text.Json;
using Workflows.Engine.Serialization;

namespace Workflows.Engine;

/// <summary>Settings of the engine (worker concurrency, limits, serialization).</summary>
public sealed class EngineOptions
{
    /// <summary>The serializer options for every payload; defaults to <see cref="DataConverter.CreateDefaultOptions"/>.</summary>
    public JsonSerializerOptions SerializerOptions { get; set; } = DataConverter.CreateDefaultOptions();

    /// <summary>Largest custom status, in UTF-8 bytes of its JSON (Durable Functions' limit is 16 KB).</summary>
    public int MaxCustomStatusBytes { get; set; } = 16 * 1024;

    /// <summary>
    /// A message delivered more than this many times is poison: it is set aside and the instance is
    /// failed with the reason, instead of crashing workers forever.
    /// </summary>
    public int MaxDequeueCount { get; set; } = 10;

    /// <summary>How many episodes one worker runs at once.</summary>
    public int MaxConcurrentOrchestrations { get; set; } = Environment.ProcessorCount * 4;

    /// <summary>How many activities one worker runs at once.</summary>
    public int MaxConcurrentActivities { get; set; } = Environment.ProcessorCount * 8;

    /// <summary>How long to wait before retrying an instance whose orchestration version is not registered on this host.</summary>
    public TimeSpan UnregisteredRetryInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>How long to wait before delivering again a message that cannot be applied yet.</summary>
    public TimeSpan DeferredMessageRetryInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How long to wait before running an activity again after a worker failed to record its result.</summary>
    public TimeSpan ActivityAbandonRetryInterval { get; set; } = TimeSpan.FromSeconds(5);
}
