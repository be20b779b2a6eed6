using Workflows.Engine;

namespace Workflows.Approvals.Activities;

[ActivityName(Name)]
public sealed class ReopenApprovalTasksActivity(IApprovalTaskStore tasks) : Activity<ReopenTasksInput, int>
{
    public const string Name = "Approval.ReopenTasks";

    public override async Task<int> RunAsync(TaskActivityContext context, ReopenTasksInput input)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);
        var reopened = 0;
        foreach (var id in input.TaskIds)
        {
            var task = await tasks.GetAsync(id, context.CancellationToken).ConfigureAwait(false);
            if (task is { Status: ApprovalTaskStatus.AwaitingClarification }
                && await tasks.TryReplaceAsync(task with { Status = ApprovalTaskStatus.Open, Due = input.Due, Decision = null, DecidedAt = null, DecidedBy = null, DecisionId = null }, context.CancellationToken).ConfigureAwait(false))
            {
                reopened++;
            }
        }

        return reopened;
    }
}
