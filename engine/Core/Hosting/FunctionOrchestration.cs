namespace Workflows.Engine.Hosting;

/// <summary>An orchestration whose code is a function.</summary>
internal sealed class FunctionOrchestration<TInput, TOutput>(Func<OrchestrationContext, TInput, Task<TOutput>> code) : Orchestration<TInput, TOutput>
{
    public override Task<TOutput> RunAsync(OrchestrationContext context, TInput input) => code(context, input);
}

/// <summary>An activity whose code is a function.</summary>
internal sealed class FunctionActivity<TInput, TOutput>(Func<TaskActivityContext, TInput, Task<TOutput>> code) : Activity<TInput, TOutput>
{
    public override Task<TOutput> RunAsync(TaskActivityContext context, TInput input) => code(context, input);
}
