using Workflows.Engine;

namespace Workflows.PreRelease;

/// <summary>
/// Workflow 3 — pre-release planning: every milestone is relative to the release date R (R−12 months or
/// at once, R−9, R−6 with the planning conference and plan approval, R−3, R−1, release day). A court or
/// parole decision moves R at any time and every pending timer moves with it: milestone waits are
/// computed from the current R, and the deadline, reminders and escalations of the approval steps
/// running at that moment are shifted by the same amount. A rejected plan is re-planned (<see cref="PlanRounds"/>).
/// Then post-release follow-up (<see cref="PostReleasePhase"/>).
/// </summary>
[OrchestrationName(Name)]
public sealed class PreReleaseOrchestration : Orchestration<PreReleaseInput, WorkflowResult>
{
    public const string Name = "PreRelease";

    public override async Task<WorkflowResult> RunAsync(OrchestrationContext context, PreReleaseInput input)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);
        if (input.PostRelease is not null)
        {
            return await PostReleasePhase.RunAsync(context, input);
        }

        return await new PreReleaseRun(context, input).RunAsync();
    }
}
