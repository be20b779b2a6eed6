using Workflows.Approvals;
using Workflows.Engine;
using static Workflows.WorkflowSteps;

namespace Workflows.Complaints;

/// <summary>
/// A complaint: acknowledged within 48 hours, decided, escalated to the central level at day 14 (counted
/// from submission); the staff it concerns never handle it. The complainant gets the decision with the
/// way to take it further; if nobody decides before the chain runs out, they hear that instead.
/// </summary>
[OrchestrationName(Name)]
public sealed class ComplaintOrchestration : Orchestration<ComplaintInput, WorkflowResult>
{
    public const string Name = "Complaint";

    public override async Task<WorkflowResult> RunAsync(OrchestrationContext context, ComplaintInput input)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);
        var info = input.Case;
        var acknowledgement = await ApprovalStep.RunAsync(context, Request(info, input.Policy, "acknowledgement", input.ConcernedStaffIds) with { ClockStart = input.SubmittedAt });
        if (acknowledgement.Result == ApprovalResult.Withdrawn)
        {
            return await FinishAsync(context, info, ComplaintOutcomes.Withdrawn);
        }

        await NotifyAsync(context, info, Notifications.NotificationKind.DecisionNotice, "acknowledgement", "Acknowledged", toSubject: true, challengeRoute: "ombudsperson");
        var decision = await ApprovalStep.RunAsync(context, Request(info, input.Policy, "decision", input.ConcernedStaffIds) with { ClockStart = input.SubmittedAt });
        var outcome = decision.Result switch
        {
            ApprovalResult.Approved => ComplaintOutcomes.Upheld,
            ApprovalResult.Withdrawn => ComplaintOutcomes.Withdrawn,

            // An undecided complaint is not a rejected one: the complainant hears that it ran out of time.
            ApprovalResult.Expired => ComplaintOutcomes.NotDecidedInTime,
            _ => ComplaintOutcomes.NotUpheld,
        };
        return await FinishAsync(context, info, outcome, noticeToSubject: outcome != ComplaintOutcomes.Withdrawn, challengeRoute: "ombudsperson");
    }
}
