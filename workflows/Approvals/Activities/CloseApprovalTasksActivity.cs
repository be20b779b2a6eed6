using Workflows.Audit;
using Workflows.Engine;

namespace Workflows.Approvals.Activities;

/// <summary>
/// Closes tasks when a step ends (cancelled, expired), marks decisions that came too late as Late, and
/// audits the step's outcome. Closing is idempotent: tasks already in a final status stay as they are.
/// </summary>
[ActivityName(Name)]
public sealed class CloseApprovalTasksActivity(IApprovalTaskStore tasks, IAuditLog audit, TimeProvider time) : Activity<CloseTasksInput, int>
{
    public const string Name = "Approval.CloseTasks";

    public override async Task<int> RunAsync(TaskActivityContext context, CloseTasksInput input)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);
        var ct = context.CancellationToken;
        var changed = 0;
        foreach (var id in input.TaskIds)
        {
            for (var attempt = 0; attempt < 10; attempt++)
            {
                var task = await tasks.GetAsync(id, ct).ConfigureAwait(false);
                var applies = task is not null && (input.Status == ApprovalTaskStatus.Late
                    ? task.Status == ApprovalTaskStatus.Decided
                    : task.Status is ApprovalTaskStatus.Open or ApprovalTaskStatus.AwaitingClarification);
                if (!applies)
                {
                    break;
                }

                if (await tasks.TryReplaceAsync(task! with { Status = input.Status, DecidedAt = task.DecidedAt ?? time.GetUtcNow() }, ct).ConfigureAwait(false))
                {
                    changed++;
                    if (input.Status == ApprovalTaskStatus.Late)
                    {
                        await audit.AppendAsync(
                            new AuditRecord
                            {
                                CaseId = input.CaseId,
                                ActorId = task.DecidedBy ?? Actor.System.UserId,
                                Role = task.Role,
                                Action = AuditActions.DecisionSuperseded,
                                Reason = "The step or slot was already settled; the decision is recorded and changes nothing.",
                                Ids = new Dictionary<string, string> { ["taskId"] = id, ["instanceId"] = input.InstanceId, ["decisionId"] = task.DecisionId ?? string.Empty },
                                IdempotencyKey = $"{context.IdempotencyKey}:{id}",
                            },
                            ct).ConfigureAwait(false);
                    }

                    break;
                }
            }
        }

        if (input.Result is { } result)
        {
            await audit.AppendAsync(
                new AuditRecord
                {
                    CaseId = input.CaseId,
                    ActorId = Actor.System.UserId,
                    Role = input.SettledBy,
                    Action = input.SettledBy is null ? AuditActions.StepOutcome : AuditActions.DefaultDecision,
                    Reason = result.ToString(),
                    Ids = new Dictionary<string, string> { ["instanceId"] = input.InstanceId, ["step"] = input.Step },
                    IdempotencyKey = context.IdempotencyKey,
                },
                ct).ConfigureAwait(false);
        }

        return changed;
    }
}
