using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Workflows.Engine.Diagnostics;

/// <summary>
/// The engine's traces and metrics. Subscribe with OpenTelemetry to the source and meter named
/// <see cref="Name"/>. Tags carry instance ids and orchestration/activity names, never payloads.
/// </summary>
public static class EngineTelemetry
{
    /// <summary>The name of the activity source and of the meter.</summary>
    public const string Name = "Workflows.Engine";

    /// <summary>Spans for episodes and activity executions.</summary>
    public static readonly ActivitySource ActivitySource = new(Name, "1.0");

    /// <summary>The engine's meter.</summary>
    public static readonly Meter Meter = new(Name, "1.0");

    /// <summary>Episodes run, tagged with orchestration name and outcome status.</summary>
    public static readonly Counter<long> Episodes = Meter.CreateCounter<long>("workflows.engine.episodes", "{episode}", "Orchestration episodes run.");

    /// <summary>Wall time of an episode (replay + checkpoint).</summary>
    public static readonly Histogram<double> EpisodeDuration = Meter.CreateHistogram<double>("workflows.engine.episode.duration", "ms", "Time to replay and checkpoint one episode.");

    /// <summary>History length replayed per episode.</summary>
    public static readonly Histogram<long> ReplayedEvents = Meter.CreateHistogram<long>("workflows.engine.episode.replayed_events", "{event}", "History events replayed in one episode.");

    /// <summary>Activity executions, tagged with activity name and outcome.</summary>
    public static readonly Counter<long> Activities = Meter.CreateCounter<long>("workflows.engine.activities", "{activity}", "Activity executions.");

    /// <summary>Wall time of an activity execution.</summary>
    public static readonly Histogram<double> ActivityDuration = Meter.CreateHistogram<double>("workflows.engine.activity.duration", "ms", "Time to run one activity.");

    /// <summary>Time from a message being queued to a worker picking it up.</summary>
    public static readonly Histogram<double> MessageLatency = Meter.CreateHistogram<double>("workflows.engine.message.latency", "ms", "Queueing latency of orchestration and activity messages.");

    /// <summary>Checkpoints lost to another worker (split brain or a lost lease).</summary>
    public static readonly Counter<long> LostWorkItems = Meter.CreateCounter<long>("workflows.engine.work_items.lost", "{work_item}", "Episodes discarded because another worker committed first.");

    /// <summary>Poison messages set aside.</summary>
    public static readonly Counter<long> PoisonMessages = Meter.CreateCounter<long>("workflows.engine.messages.poison", "{message}", "Messages set aside after too many deliveries.");
}
