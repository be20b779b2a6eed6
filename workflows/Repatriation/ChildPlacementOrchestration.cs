using Workflows.Approvals;
using Workflows.Audit;
using Workflows.Engine;
using Workflows.Notifications;
using static Workflows.WorkflowSteps;

namespace Workflows.Repatriation;

/// <summary>
/// Placement of one child — sequential: a best-interests assessment (social worker and psychologist,
/// the child's views recorded), the receiving family's agreement (a gate), then the child-protection
/// authority. An alert goes out if the child waits more than 3 months without a placement decision.
/// Family-based care is the rule, institutions the last resort.
/// </summary>
[OrchestrationName(Name)]
public sealed class ChildPlacementOrchestration : Orchestration<ChildPlacementInput, string>
{
    public const string Name = "ChildPlacement";

    public override async Task<string> RunAsync(OrchestrationContext context, ChildPlacementInput input)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);
        var alertAt = input.Policy.Calendar.Add(input.ArrivedAt, input.Policy.Timer("childPlacementAlert"));
        using var cts = new CancellationTokenSource();
        var alert = context.CreateTimer(alertAt, cts.Token);
        var placement = PlaceAsync(context, input);
        if (await Task.WhenAny(placement, alert) == alert)
        {
            await NotifyAsync(context, input.Case, NotificationKind.Alert, "childPlacement", "ChildWaitingOverThreeMonths", Roles.ChildProtection, ScopeLevel.Region);
            await NotifyAsync(context, input.Case, NotificationKind.Alert, "childPlacement", "ChildWaitingOverThreeMonths", Roles.CentreDirector);
        }
        else
        {
            Cancel(cts);
        }

        return await placement;
    }

    private static async Task<string> PlaceAsync(OrchestrationContext context, ChildPlacementInput input)
    {
        var info = input.Case;
        var bestInterests = await ApprovalStep.RunAsync(context, Request(info, input.Policy, "bestInterests") with { SubjectRef = input.ChildRef });
        await RecordAsync(context, info, AuditActions.StepOutcome, "Best-interests assessment " + bestInterests.Result, section: $"bestInterests-{input.ChildRef}", tier: Cases.DataTier.ChildProtection, data: new { input.ChildRef, result = bestInterests.Result.ToString(), childViewsRecorded = bestInterests.Attributes.GetValueOrDefault("childViewsRecorded") });
        while (true)
        {
            ShowWait(context, "familyAgreement", null, Roles.SocialWorker);
            var agreement = await context.WaitForExternalEvent<FamilyAgreementSignal>(RepatriationEvents.FamilyAgreementRecorded);
            await RecordAsync(context, info, AuditActions.EventRecorded, $"Family agreement for {input.ChildRef}: {(agreement.Agreed ? "agreed" : "declined")}");
            if (!agreement.Agreed)
            {
                continue;
            }

            var decision = await ApprovalStep.RunAsync(context, Request(info, input.Policy, "childPlacement") with { SubjectRef = input.ChildRef });
            if (decision.IsApproved)
            {
                await RecordAsync(context, info, AuditActions.StepOutcome, $"Child {input.ChildRef} placed with family", section: $"placement-{input.ChildRef}", tier: Cases.DataTier.ChildProtection, data: new { input.ChildRef, placedAt = context.CurrentUtcDateTime });
                return "Placed";
            }
        }
    }
}
