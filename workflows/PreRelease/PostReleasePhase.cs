using Workflows.Approvals;
using Workflows.Audit;
using Workflows.Engine;
using static Workflows.WorkflowSteps;

namespace Workflows.PreRelease;

/// <summary>
/// Post-release follow-up: contacts by risk level and reviews at 1, 3, 6 and 12 months. A missed contact
/// → contact attempt within 48 h → second miss → case conference within 5 days → statutory breach
/// procedure (outside the system, recorded). Closure records the outcome and starts the retention
/// timer. One execution per contact or review (continue-as-new).
/// </summary>
internal static class PostReleasePhase
{
    public static async Task<WorkflowResult> RunAsync(OrchestrationContext context, PreReleaseInput input)
    {
        var info = input.Case;
        var policy = input.Policy;
        var state = input.PostRelease!;
        var contacts = ContactSchedule.Times(input.ReleaseAt, policy.Schedule("contacts." + input.RiskLevel.ToLowerInvariant()), policy.Calendar);
        var reviews = ContactSchedule.Times(input.ReleaseAt, policy.Schedule("reviews"), policy.Calendar);
        var nextContact = state.NextContact < contacts.Count ? contacts[state.NextContact] : (DateTimeOffset?)null;
        var nextReview = state.NextReview < reviews.Count ? reviews[state.NextReview] : (DateTimeOffset?)null;

        if (nextContact is null && nextReview is null)
        {
            // 10. Closure: outcome codes for evaluation; the retention timer starts.
            var outcome = state.Breaches > 0 ? "ClosedWithBreach" : "ClosedCompleted";
            var retentionEnds = policy.Calendar.Add(context.CurrentUtcDateTime, policy.Timer("retentionPeriod"));
            await RecordAsync(context, info, AuditActions.WorkflowOutcome, outcome, status: outcome, section: "closure", data: new { outcome, retentionEnds });
            ShowWait(context, "retention", retentionEnds);
            await context.CreateTimer(retentionEnds);
            await RecordAsync(context, info, AuditActions.EventRecorded, "RetentionPeriodEnded", status: "RetentionEnded");

            // The data-protection officer decides what is deleted or anonymised; the workflow keeps only its outcome code.
            await NotifyAsync(context, info, Notifications.NotificationKind.Alert, "retention", "RetentionPeriodEnded", Roles.DataProtectionOfficer, ScopeLevel.Central);
            return new WorkflowResult(outcome);
        }

        if (nextReview is { } review && (nextContact is null || review <= nextContact))
        {
            ShowWait(context, "postReleaseReview", review, Roles.ProbationOfficer);
            await context.CreateTimer(review);
            await ApprovalStep.RunAsync(context, input.StepRequest("postReleaseReview"));
            context.ContinueAsNew(input with { PostRelease = state with { NextReview = state.NextReview + 1 } });
            return new WorkflowResult("ContinuedAsNew");
        }

        var due = nextContact!.Value;
        var grace = policy.Calendar.Add(due, policy.Timer("contactGrace"));
        ShowWait(context, "contact", grace, Roles.ProbationOfficer);
        var contact = await WaitForEventAsync<ContactSignal>(context, PreReleaseEvents.ContactRecorded, grace);
        var breaches = state.Breaches;
        if (contact is not { Attended: true })
        {
            await RecordAsync(context, info, AuditActions.EventRecorded, "ContactMissed");
            var attempt = await ApprovalStep.RunAsync(context, input.StepRequest("missedContactAttempt"));
            if (!attempt.IsApproved)
            {
                var conference = await ApprovalStep.RunAsync(context, input.StepRequest("missedContactConference"));
                if (conference.Result is ApprovalResult.Rejected or ApprovalResult.Vetoed)
                {
                    breaches++;
                    await RecordAsync(context, info, AuditActions.EventRecorded, "StatutoryBreachProcedure (outside the system)", section: $"breach-{breaches}", data: new { at = context.CurrentUtcDateTime });
                }
                else if (conference.Result == ApprovalResult.Expired)
                {
                    // Only a conference's decision opens the breach procedure; staff inaction never counts against the person.
                    await RecordAsync(context, info, AuditActions.EventRecorded, "MissedContactConferenceNotHeld");
                }
            }
        }

        context.ContinueAsNew(input with { PostRelease = state with { NextContact = state.NextContact + 1, Breaches = breaches } });
        return new WorkflowResult("ContinuedAsNew");
    }
}
