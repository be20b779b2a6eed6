using Workflows.Cases;
using Workflows.Engine;

namespace Workflows.PreRelease;

/// <summary>
/// Plan approval seals the plan: the draft the conference recorded is copied, as it stands, into the
/// approved plan. Returns false when no plan content was recorded. Rewrites the same section: safe to retry.
/// </summary>
[ActivityName(Name)]
public sealed class SealReleasePlanActivity(ICaseStore cases, TimeProvider time) : Activity<SealPlanInput, bool>
{
    public const string Name = "PreRelease.SealPlan";

    public override async Task<bool> RunAsync(TaskActivityContext context, SealPlanInput input)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);
        var draft = (await cases.ReadSectionsAsync(input.CaseId, context.CancellationToken).ConfigureAwait(false)).FirstOrDefault(s => s.Name == ReleasePlanSections.Draft && s.Tier == DataTier.Workflow);
        if (draft is null)
        {
            return false;
        }

        await cases.WriteSectionAsync(input.CaseId, draft with { Name = ReleasePlanSections.Approved, UpdatedAt = time.GetUtcNow(), UpdatedBy = Actor.System.UserId }, context.CancellationToken).ConfigureAwait(false);
        return true;
    }
}
