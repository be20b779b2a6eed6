namespace Workflows.Engine;

/// <summary>The untyped shape of an activity; derive from <see cref="Activity{TInput, TOutput}"/> instead.</summary>
public interface IActivity
{
    /// <summary>The input type, used to deserialize the input.</summary>
    Type InputType { get; }

    /// <summary>Runs the activity.</summary>
    Task<object?> RunAsync(TaskActivityContext context, object? input);
}

/// <summary>
/// An activity: the unit of real work (I/O, side effects). Runs at least once per call, so make side
/// effects idempotent with <see cref="TaskActivityContext.IdempotencyKey"/>. Activities get their
/// dependencies from DI (a new scope per execution).
/// </summary>
/// <typeparam name="TInput">The input type.</typeparam>
/// <typeparam name="TOutput">The output type.</typeparam>
public abstract class Activity<TInput, TOutput> : IActivity
{
    /// <inheritdoc />
    public Type InputType => typeof(TInput);

    /// <summary>The activity code.</summary>
    public abstract Task<TOutput> RunAsync(TaskActivityContext context, TInput input);

    async Task<object?> IActivity.RunAsync(TaskActivityContext context, object? input) =>
        await RunAsync(context, (TInput)input!).ConfigureAwait(false);
}

/// <summary>Names an activity class.</summary>
/// <param name="name">The activity name used to call it.</param>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class ActivityNameAttribute(string name) : Attribute
{
    /// <summary>The activity name.</summary>
    public string Name { get; } = name;
}

/// <summary>What an activity knows about the call it serves.</summary>
public sealed class TaskActivityContext
{
    /// <summary>Creates a context (the engine does this; tests may too).</summary>
    public TaskActivityContext(string name, string instanceId, int taskId, string idempotencyKey, int attempt, CancellationToken cancellationToken)
    {
        Name = name;
        InstanceId = instanceId;
        TaskId = taskId;
        IdempotencyKey = idempotencyKey;
        DeliveryCount = attempt;
        CancellationToken = cancellationToken;
    }

    /// <summary>The activity name.</summary>
    public string Name { get; }

    /// <summary>The orchestration instance that called the activity.</summary>
    public string InstanceId { get; }

    /// <summary>The step's sequence number in the orchestration's history.</summary>
    public int TaskId { get; }

    /// <summary>
    /// The same for every delivery and every retry of one call; record it with a side effect to make
    /// that side effect happen once.
    /// </summary>
    public string IdempotencyKey { get; }

    /// <summary>How many times this work item has been delivered (more than 1 after a crash or a lost lock).</summary>
    public int DeliveryCount { get; }

    /// <summary>Signalled when the host shuts down.</summary>
    public CancellationToken CancellationToken { get; }
}
