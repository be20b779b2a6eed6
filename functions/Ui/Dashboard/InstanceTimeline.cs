using Workflows.Approvals;
using Workflows.Engine.History;

namespace Workflows.Functions.Ui.Dashboard;

/// <summary>
/// The Gantt view of one instance, built from its history: activities, timers and approval steps
/// (sub-orchestrations) as spans; raised events and recorded decisions as markers. Rendered as SVG.
/// </summary>
public sealed record InstanceTimeline(DateTimeOffset Start, DateTimeOffset End, IReadOnlyList<TimelineRow> Rows, bool Truncated)
{
    public const int Width = 1000;
    public const int LabelWidth = 260;
    public const int RowHeight = 20;
    public const int Header = 24;
    public const int MaxRows = 80;

    public int Height => Header + (Rows.Count * RowHeight) + 10;

    /// <summary>The x of a time.</summary>
    public double X(DateTimeOffset at)
    {
        var total = Math.Max(1, (End - Start).TotalMilliseconds);
        var offset = Math.Clamp((at - Start).TotalMilliseconds, 0, total);
        return LabelWidth + ((Width - LabelWidth - 10) * offset / total);
    }

    /// <summary>The y of a row's top.</summary>
    public static int Y(int row) => Header + (row * RowHeight);

    public static InstanceTimeline Build(IReadOnlyList<HistoryEvent> history, IReadOnlyList<ApprovalTask> decisions, DateTimeOffset now, bool running)
    {
        ArgumentNullException.ThrowIfNull(history);
        ArgumentNullException.ThrowIfNull(decisions);
        var start = history.Count > 0 ? history[0].Timestamp : now;
        var last = history.Count > 0 ? history.Max(e => e.Timestamp) : now;
        var end = running ? (now > last ? now : last) : last;
        if (end <= start)
        {
            end = start.AddSeconds(1);
        }

        var rows = new List<TimelineRow>();
        var completions = history.OfType<TaskCompletedEvent>().ToDictionary(e => e.TaskScheduledId, e => (e.Timestamp, Failed: false));
        foreach (var failed in history.OfType<TaskFailedEvent>())
        {
            completions[failed.TaskScheduledId] = (failed.Timestamp, true);
        }

        var subEnds = history.OfType<SubOrchestrationCompletedEvent>().ToDictionary(e => e.TaskScheduledId, e => (e.Timestamp, Failed: false));
        foreach (var failed in history.OfType<SubOrchestrationFailedEvent>())
        {
            subEnds[failed.TaskScheduledId] = (failed.Timestamp, true);
        }

        var fired = history.OfType<TimerFiredEvent>().ToDictionary(e => e.TimerId, e => e.Timestamp);
        foreach (var e in history)
        {
            switch (e)
            {
                case TaskScheduledEvent scheduled:
                    rows.Add(completions.TryGetValue(scheduled.EventId, out var done)
                        ? new TimelineRow(TimelineKind.Activity, scheduled.Name, scheduled.Timestamp, done.Timestamp, Open: false, Failed: done.Failed)
                        : new TimelineRow(TimelineKind.Activity, scheduled.Name, scheduled.Timestamp, end, Open: true));
                    break;
                case TimerCreatedEvent timer:
                    rows.Add(fired.TryGetValue(timer.EventId, out var at)
                        ? new TimelineRow(TimelineKind.Timer, null, timer.Timestamp, at, Open: false, Due: timer.FireAt)
                        : new TimelineRow(TimelineKind.Timer, null, timer.Timestamp, timer.FireAt < end ? timer.FireAt : end, Open: true, Due: timer.FireAt));
                    break;
                case SubOrchestrationCreatedEvent sub:
                    var step = StepOf(sub.InstanceId) ?? sub.Name;
                    rows.Add(subEnds.TryGetValue(sub.EventId, out var subEnd)
                        ? new TimelineRow(TimelineKind.Step, step, sub.Timestamp, subEnd.Timestamp, Open: false, Failed: subEnd.Failed, InstanceId: sub.InstanceId)
                        : new TimelineRow(TimelineKind.Step, step, sub.Timestamp, end, Open: true, InstanceId: sub.InstanceId));
                    break;
                case EventRaisedEvent raised:
                    rows.Add(new TimelineRow(TimelineKind.Event, raised.Name, raised.Timestamp, raised.Timestamp, Open: false));
                    break;
            }
        }

        foreach (var decision in decisions.Where(d => d.DecidedAt is not null))
        {
            rows.Add(new TimelineRow(TimelineKind.Decision, decision.Decision?.ToString() ?? decision.Status.ToString(), decision.DecidedAt!.Value, decision.DecidedAt.Value, Open: false, Role: decision.Role, Step: decision.Step));
        }

        var ordered = rows.OrderBy(r => r.From).ToList();
        return new InstanceTimeline(start, end, ordered.Take(MaxRows).ToList(), ordered.Count > MaxRows);
    }

    /// <summary>The step of an approval sub-orchestration id (<c>{parent}:{step}:{suffix}</c>).</summary>
    public static string? StepOf(string instanceId)
    {
        ArgumentNullException.ThrowIfNull(instanceId);
        var parts = instanceId.Split(':');
        return parts.Length >= 3 ? parts[^2] : null;
    }
}

/// <summary>What a timeline row shows.</summary>
public enum TimelineKind
{
    Activity,
    Timer,
    Step,
    Event,
    Decision,
}

/// <summary>One row: a span (activity, timer, step) or a point (event, decision).</summary>
public sealed record TimelineRow(TimelineKind Kind, string? Name, DateTimeOffset From, DateTimeOffset To, bool Open, bool Failed = false, DateTimeOffset? Due = null, string? InstanceId = null, string? Role = null, string? Step = null);
