using Workflows.Approvals;
using Workflows.Engine;
using Workflows.Notifications;
using static Workflows.WorkflowSteps;

namespace Workflows.CsoAccess;

/// <summary>The conditions an approval came with, read for the access agreement or its renewal; a condition without a legal basis is flagged to the central unit.</summary>
internal static class AccessConditions
{
    public static async Task<IReadOnlyList<AccessCondition>> ReadAsync(OrchestrationContext context, CaseInfo info, string step, ApprovalOutcome outcome, DateTimeOffset validUntil)
    {
        var withConditions = outcome.Decisions.Where(d => d.Decision == DecisionKind.ApproveWithConditions).Select(d => d.TaskId).ToList();
        if (!outcome.WithConditions || withConditions.Count == 0)
        {
            return [];
        }

        var conditions = await context.CallDomainActivityAsync<IReadOnlyList<AccessCondition>>(ReadAccessConditionsActivity.Name, new AccessConditionsInput(withConditions, validUntil));
        if (conditions.Any(c => c.LegalBasis is null))
        {
            // Safeguard 11: a restrictive condition names its legal basis; the central unit completes it.
            await NotifyAsync(context, info, NotificationKind.Alert, step, "ConditionWithoutLegalBasis", Roles.CentralPartnershipsUnit, ScopeLevel.Central);
        }

        return conditions;
    }
}
