using Workflows.Audit;
using Workflows.Cases;
using Workflows.Engine;
using Workflows.Notifications;
using static Workflows.WorkflowSteps;

namespace Workflows.Repatriation;

/// <summary>
/// Placement of one child — sequential: a best-interests assessment (social worker and psychologist,
/// the child's views recorded), then the child-protection authority. Families are kept together: a child
/// with their parent stays with them unless the assessment recommends separation (attribute
/// <c>separation</c> = <c>recommended</c>); otherwise the receiving family's agreement is a gate before
/// the decision. An alert goes out if the child waits more than 3 months without a placement decision.
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
        while (true)
        {
            var bestInterests = await RepatriationSteps.RunInCountryAsync(context, info, Request(info, input.Policy, "bestInterests") with { SubjectRef = input.ChildRef, FemaleSubject = input.FemaleSubject });
            var separation = bestInterests.IsApproved && bestInterests.Attributes.GetValueOrDefault("separation") == "recommended";
            await RecordAsync(context, info, AuditActions.StepOutcome, "Best-interests assessment " + bestInterests.Result, section: $"bestInterests-{input.ChildRef}", tier: DataTier.ChildProtection,
                data: new { input.ChildRef, result = bestInterests.Result.ToString(), childViewsRecorded = bestInterests.Attributes.GetValueOrDefault("childViewsRecorded"), input.ParentRef, separation });
            if (!bestInterests.IsApproved)
            {
                continue;
            }

            if (input.ParentRef is { } parent && !separation)
            {
                var withParent = await RepatriationSteps.RunInCountryAsync(context, info, Request(info, input.Policy, "childPlacement") with { SubjectRef = input.ChildRef, FemaleSubject = input.FemaleSubject });
                if (withParent.IsApproved)
                {
                    await RecordAsync(context, info, AuditActions.StepOutcome, $"Child {input.ChildRef} stays with parent {parent}", section: $"placement-{input.ChildRef}", tier: DataTier.ChildProtection,
                        data: new { input.ChildRef, withParent = parent, decidedAt = context.CurrentUtcDateTime });
                    return "WithParent";
                }

                // The authority did not confirm: the child's situation is assessed again.
                continue;
            }

            return await PlaceWithFamilyAsync(context, input);
        }
    }

    private static async Task<string> PlaceWithFamilyAsync(OrchestrationContext context, ChildPlacementInput input)
    {
        var info = input.Case;
        while (true)
        {
            ShowWait(context, "familyAgreement", null, Roles.SocialWorker);
            var agreement = await context.WaitForExternalEvent<FamilyAgreementSignal>(RepatriationEvents.FamilyAgreementRecorded);
            await RecordAsync(context, info, AuditActions.EventRecorded, $"Family agreement for {input.ChildRef}: {(agreement.Agreed ? "agreed" : "declined")}");
            if (!agreement.Agreed)
            {
                continue;
            }

            var decision = await RepatriationSteps.RunInCountryAsync(context, info, Request(info, input.Policy, "childPlacement") with { SubjectRef = input.ChildRef, FemaleSubject = input.FemaleSubject });
            if (decision.IsApproved)
            {
                await RecordAsync(context, info, AuditActions.StepOutcome, $"Child {input.ChildRef} placed with family", section: $"placement-{input.ChildRef}", tier: DataTier.ChildProtection, data: new { input.ChildRef, placedAt = context.CurrentUtcDateTime });
                return "Placed";
            }
        }
    }
}
