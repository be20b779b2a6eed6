using Workflows.Approvals;
using Workflows.Audit;
using Workflows.Engine;
using Workflows.Policies;
using static Workflows.WorkflowSteps;

namespace Workflows.Repatriation;

/// <summary>What the repatriation phases share: outcomes, steps once people are in the country, and policy entries with a fallback.</summary>
internal static class RepatriationSteps
{
    public const string Withdrawn = "Withdrawn";

    /// <summary>
    /// A step once the household is in the country: people are in the centre and their care goes on, so a
    /// withdrawal by the requester is recorded and the step is opened again rather than ending the case.
    /// </summary>
    /// <remarks>With <paramref name="shown"/>, the step is shown in that phase's combined status while it runs.</remarks>
    public static async Task<ApprovalOutcome> RunInCountryAsync(OrchestrationContext context, CaseInfo info, ApprovalRequest request, PhaseStatus? shown = null)
    {
        while (true)
        {
            var outcome = shown is null ? await ApprovalStep.RunAsync(context, request) : await shown.RunAsync(await ApprovalStep.PrepareAsync(context, request));
            if (outcome.Result != ApprovalResult.Withdrawn)
            {
                return outcome;
            }

            await RecordAsync(context, info, AuditActions.EventRecorded, $"WithdrawalNotApplicableAfterArrival {request.Step} {request.SubjectRef}".TrimEnd());
        }
    }

    /// <summary>Birth registration of a child born abroad — the civil registry, recording the registration reference (policy step <c>birthRegistration</c>).</summary>
    public static StepPolicy BirthRegistration(WorkflowPolicy policy) => policy.Step("birthRegistration");

    /// <summary>After a refused exit the household stays in the centre until a new exit review (policy timer <c>exitReviewAfterRefusal</c>).</summary>
    public static Duration ExitReviewAfterRefusal(WorkflowPolicy policy) => policy.Timer("exitReviewAfterRefusal");
}
