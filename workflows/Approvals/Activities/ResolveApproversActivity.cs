using Workflows.Engine;

namespace Workflows.Approvals.Activities;

/// <summary>Resolves a step's approvers through the directory.</summary>
[ActivityName(Name)]
public sealed class ResolveApproversActivity(ApproverResolver resolver) : Activity<ResolveApproversInput, IReadOnlyList<ApprovalSlot>>
{
    public const string Name = "Approval.ResolveApprovers";

    public override Task<IReadOnlyList<ApprovalSlot>> RunAsync(TaskActivityContext context, ResolveApproversInput input)
    {
        ArgumentNullException.ThrowIfNull(context);
        return resolver.ResolveSlotsAsync(input, context.CancellationToken);
    }
}
