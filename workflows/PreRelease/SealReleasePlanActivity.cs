using Workflows.Audit;
using Workflows.Cases;
using Workflows.Engine;

namespace Workflows.PreRelease;

/// <summary>
/// Plan approval seals the plan: the draft the conference recorded is copied, as it stands, into the
/// approved plan (audited as a section write). Returns false when no plan content was recorded. Rewrites the same
/// section and appends under the activity's idempotency key: safe to retry.
/// </summary>
[ActivityName(Name)]
public sealed class SealReleasePlanActivity(ICaseStore cases, IAuditLog audit, TimeProvider time) : Activity<SealPlanInput, bool>
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

        var written = await cases.WriteSectionAsync(input.CaseId, draft with { Name = ReleasePlanSections.Approved, UpdatedAt = time.GetUtcNow(), UpdatedBy = Actor.System.UserId }, context.CancellationToken).ConfigureAwait(false);

        // Audited as every section write is; the system holds no role. The activity's key keeps a retry to one entry.
        await audit.AppendSectionWriteAsync(
            new AuditRecord
            {
                CaseId = input.CaseId,
                ActorId = Actor.System.UserId,
                Action = AuditActions.SectionWritten,
                Reason = "Release plan sealed on plan approval",
                Ids = new Dictionary<string, string> { ["instanceId"] = context.InstanceId },
                IdempotencyKey = context.IdempotencyKey,
            },
            written,
            context.CancellationToken).ConfigureAwait(false);
        return true;
    }
}
