namespace Workflows.Engine;

/// <summary>The untyped shape of an orchestration; derive from <see cref="Orchestration{TInput, TOutput}"/> instead.</summary>
public interface IOrchestration
{
    /// <summary>The input type, used to deserialize the input.</summary>
    Type InputType { get; }

    /// <summary>Runs the orchestrator code.</summary>
    Task<object?> RunAsync(OrchestrationContext context, object? input);
}

/// <summary>
/// An orchestration: deterministic code that coordinates activities, timers, events and
/// sub-orchestrations. Register it with <c>AddOrchestration&lt;T&gt;()</c>; name it with
/// <see cref="OrchestrationNameAttribute"/> or let the class name be the name.
/// </summary>
/// <typeparam name="TInput">The input type (System.Text.Json serializable).</typeparam>
/// <typeparam name="TOutput">The output type (System.Text.Json serializable).</typeparam>
public abstract class Orchestration<TInput, TOutput> : IOrchestration
{
    /// <inheritdoc />
    public Type InputType => typeof(TInput);

    /// <summary>The orchestrator code.</summary>
    public abstract Task<TOutput> RunAsync(OrchestrationContext context, TInput input);

    async Task<object?> IOrchestration.RunAsync(OrchestrationContext context, object? input) =>
        await RunAsync(context, (TInput)input!);
}

/// <summary>Names an orchestration class and, optionally, its version.</summary>
/// <param name="name">The orchestration name used to start it.</param>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class OrchestrationNameAttribute(string name) : Attribute
{
    /// <summary>The orchestration name.</summary>
    public string Name { get; } = name;

    /// <summary>The version this class implements (empty for unversioned).</summary>
    public string Version { get; init; } = string.Empty;
}
