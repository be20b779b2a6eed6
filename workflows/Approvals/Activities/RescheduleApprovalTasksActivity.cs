using Workflows.Engine;

namespace Workflows.Approvals.Activities;

/// <summary>Sets the due time of a step's open tasks after its clock moved (idempotent: setting it twice changes nothing).</summary>
[ActivityName(Name)]
public sealed class RescheduleApprovalTasksActivity(IApprovalTaskStore tasks) : Activity<RescheduleTasksInput, int>
{
    public const string Name = "Approval.RescheduleTasks";

    public override async Task<int> RunAsync(TaskActivityContext context, RescheduleTasksInput input)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);
        var moved = 0;
        foreach (var id in input.TaskIds)
        {
            var task = await tasks.GetAsync(id, context.CancellationToken).ConfigureAwait(false);
            if (task is { IsOpen: true } && task.Due != input.Due
                && await tasks.TryReplaceAsync(task with { Due = input.Due }, context.CancellationToken).ConfigureAwait(false))
            {
                moved++;
            }
        }

        return moved;
    }
}
