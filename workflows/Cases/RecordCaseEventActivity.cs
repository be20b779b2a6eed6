using Workflows.Audit;
using Workflows.Engine;

namespace Workflows.Cases;

/// <summary>
/// Records a workflow event on its case: section (a new version; an overwrite is audited as an amendment),
/// status, audit entry (idempotent by the activity's key).
/// </summary>
[ActivityName(Name)]
public sealed class RecordCaseEventActivity(ICaseStore cases, IAuditLog audit, TimeProvider time) : Activity<CaseEventInput, bool>
{
    public const string Name = "Case.RecordEvent";

    public override async Task<bool> RunAsync(TaskActivityContext context, CaseEventInput input)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);
        var ct = context.CancellationToken;
        CaseSection? written = null;
        if (input.SectionName is { } name && input.SectionData is { } data)
        {
            written = await cases.WriteSectionAsync(input.CaseId, new CaseSection { Tier = input.Tier, Name = name, Data = data, UpdatedAt = time.GetUtcNow(), UpdatedBy = input.ActorId }, ct).ConfigureAwait(false);
        }

        if (input.Status is { } status && await cases.GetAsync(input.CaseId, ct).ConfigureAwait(false) is not null)
        {
            await cases.UpdateAsync(input.CaseId, c => c with { Status = status }, ct).ConfigureAwait(false);
        }

        var entry = new AuditRecord
        {
            CaseId = input.CaseId,
            ActorId = input.ActorId,
            Role = input.Role,
            Action = input.Action,
            Reason = input.Reason,
            Ids = new Dictionary<string, string>(input.Ids) { ["instanceId"] = context.InstanceId },
            IdempotencyKey = context.IdempotencyKey,
        };
        await (written is null ? audit.AppendAsync(entry, ct) : audit.AppendSectionWriteAsync(entry, written, ct)).ConfigureAwait(false);
        return true;
    }
}
