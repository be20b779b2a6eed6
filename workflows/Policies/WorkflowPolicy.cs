namespace Workflows.Policies;

/// <summary>The resolved policy of one workflow for one country and facility.</summary>
public sealed record WorkflowPolicy
{
    public required string Workflow { get; init; }

    public WorkingCalendar Calendar { get; init; } = WorkingCalendar.Default;

    public IReadOnlyDictionary<string, StepPolicy> Steps { get; init; } = new Dictionary<string, StepPolicy>();

    public IReadOnlyDictionary<string, Duration> Timers { get; init; } = new Dictionary<string, Duration>();

    public IReadOnlyDictionary<string, IReadOnlyList<ScheduleBand>> Schedules { get; init; } = new Dictionary<string, IReadOnlyList<ScheduleBand>>();

    /// <summary>The behavioural reason codes this workflow accepts.</summary>
    public IReadOnlyList<string> ReasonCodes { get; init; } = [];

    public StepPolicy Step(string name) =>
        Steps.TryGetValue(name, out var step) ? step : throw new KeyNotFoundException($"The policy of '{Workflow}' has no step '{name}'.");

    public Duration Timer(string name) =>
        Timers.TryGetValue(name, out var timer) ? timer : throw new KeyNotFoundException($"The policy of '{Workflow}' has no timer '{name}'.");

    public IReadOnlyList<ScheduleBand> Schedule(string name) =>
        Schedules.TryGetValue(name, out var schedule) ? schedule : throw new KeyNotFoundException($"The policy of '{Workflow}' has no schedule '{name}'.");
}
