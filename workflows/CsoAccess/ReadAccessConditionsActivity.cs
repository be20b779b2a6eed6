using Workflows.Approvals;
using Workflows.Engine;

namespace Workflows.CsoAccess;

/// <summary>
/// Reads the conditions an approval came with from its task rows (where the decision recorded them) and
/// gives each its legal basis, imposing authority and duration, so the access agreement records them
/// on the case (safeguard 11). Reads only: safe to retry.
/// </summary>
[ActivityName(Name)]
public sealed class ReadAccessConditionsActivity(IApprovalTaskStore tasks) : Activity<AccessConditionsInput, IReadOnlyList<AccessCondition>>
{
    public const string Name = "CsoAccess.ReadConditions";

    public const string LegalBasisAttribute = "legalBasis";

    public const string DurationAttribute = "conditionDuration";

    public override async Task<IReadOnlyList<AccessCondition>> RunAsync(TaskActivityContext context, AccessConditionsInput input)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);
        var conditions = new List<AccessCondition>();
        foreach (var taskId in input.TaskIds.Distinct(StringComparer.Ordinal))
        {
            if (await tasks.GetAsync(taskId, context.CancellationToken).ConfigureAwait(false) is not { Decision: DecisionKind.ApproveWithConditions } task)
            {
                continue;
            }

            var legalBasis = task.Attributes.GetValueOrDefault(LegalBasisAttribute);
            var duration = task.Attributes.GetValueOrDefault(DurationAttribute);
            conditions.AddRange(task.Conditions.Select(text => new AccessCondition(
                text,
                string.IsNullOrWhiteSpace(legalBasis) ? null : legalBasis,
                task.Role,
                task.DecidedBy ?? task.AssigneeId ?? string.Empty,
                task.DecidedAt ?? default,
                string.IsNullOrWhiteSpace(duration) ? "permitValidity" : duration,
                string.IsNullOrWhiteSpace(duration) ? input.PermitValidUntil : null)));
        }

        return conditions;
    }
}
