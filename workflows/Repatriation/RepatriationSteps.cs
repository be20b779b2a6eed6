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
    public static async Task<ApprovalOutcome> RunInCountryAsync(OrchestrationContext context, CaseInfo info, ApprovalRequest request)
    {
        while (true)
        {
            var outcome = await ApprovalStep.RunAsync(context, request);
            if (outcome.Result != ApprovalResult.Withdrawn)
            {
                return outcome;
            }

            await RecordAsync(context, info, AuditActions.EventRecorded, $"WithdrawalNotApplicableAfterArrival {request.Step} {request.SubjectRef}".TrimEnd());
        }
    }

    /// <summary>
    /// Birth registration of a child born abroad — the civil registry, recording the registration reference.
    /// Taken from the policy's <c>birthRegistration</c> step when the deployment has one.
    /// </summary>
    public static StepPolicy BirthRegistration(WorkflowPolicy policy) =>
        policy.Steps.TryGetValue("birthRegistration", out var step) ? step : new StepPolicy
        {
            Approvers = [new ApproverRule(Roles.CivilRegistry, ScopeLevel.Central)],
            Deadline = Duration.Days(60),
            Reminders = [Duration.Days(30)],
            Escalations = [new EscalationLevel { At = Duration.Days(60), Action = EscalationAction.Notify, Role = Roles.ConsularService, Scope = ScopeLevel.Central }],
            RequiredAttributes = ["birthRegistrationRef"],
        };

    /// <summary>After a refused exit the household stays in the centre until a new exit review (policy timer <c>exitReviewAfterRefusal</c>, else 14 days).</summary>
    public static Duration ExitReviewAfterRefusal(WorkflowPolicy policy) =>
        policy.Timers.TryGetValue("exitReviewAfterRefusal", out var timer) ? timer : Duration.Days(14);
}
