using Workflows.Approvals;
using Workflows.Audit;
using Workflows.Engine;
using static Workflows.WorkflowSteps;

namespace Workflows.Repatriation;

/// <summary>Reintegration reviews at 1, 3, 6 and 12 months after the centre, then every 6 months, until the case is closed; an overdue review escalates (regional coordinator, then the national body).</summary>
internal static class ReintegrationReviews
{
    public static async Task<WorkflowResult> RunAsync(OrchestrationContext context, RepatriationInput input)
    {
        var state = input.Reviews!;
        var policy = input.Policy;
        var fixedTimes = PreRelease.ContactSchedule.Times(state.ExitedAt, policy.Schedule("reviews"), policy.Calendar);
        var due = state.NextReview < fixedTimes.Count
            ? fixedTimes[state.NextReview]
            : policy.Calendar.Add(fixedTimes[^1], new Policies.Duration(policy.Timer("reviewEveryAfterFirstYear").Value * (state.NextReview - fixedTimes.Count + 1), policy.Timer("reviewEveryAfterFirstYear").Unit));
        ShowWait(context, "reintegrationReview", due, Roles.SocialWorker);
        var closed = await WaitForEventAsync<HouseholdSignal>(context, RepatriationEvents.CaseClosed, due);
        if (closed is not null)
        {
            return await FinishAsync(context, input.Case, "Closed");
        }

        var review = await ApprovalStep.RunAsync(context, input.StepForMembers("reintegrationReview", state.Returned ?? input.Members.Select(m => m.MemberRef!)));
        await RecordAsync(context, input.Case, AuditActions.StepOutcome, $"Reintegration review {state.NextReview + 1}: {review.Result}");
        context.ContinueAsNew(input with { Reviews = state with { NextReview = state.NextReview + 1 } });
        return new WorkflowResult("ContinuedAsNew");
    }
}
