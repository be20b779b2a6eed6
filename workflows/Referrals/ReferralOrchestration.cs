using System.Globalization;
using Workflows.Approvals;
using Workflows.Audit;
using Workflows.Cases;
using Workflows.Engine;
using Workflows.Notifications;
using static Workflows.WorkflowSteps;

namespace Workflows.Referrals;

/// <summary>
/// Workflow 1 — referral to a disengagement programme: eligibility screening, risk and needs
/// assessment (quorum of two), security clearance (veto reviewable by the director), the information
/// and consent gate (a refusal is final only after the reflection period), case conference, placement
/// decision, waiting list; then delivery and monitoring as an eternal loop (<see cref="ReferralMonitoring"/>).
/// The referrer never approves their own referral.
/// </summary>
[OrchestrationName(Name)]
public sealed class ReferralOrchestration : Orchestration<ReferralInput, WorkflowResult>
{
    public const string Name = "Referral";

    public override async Task<WorkflowResult> RunAsync(OrchestrationContext context, ReferralInput input)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);
        if (input.Phase == ReferralPhase.Monitoring)
        {
            return await ReferralMonitoring.RunAsync(context, input);
        }

        var info = input.Case;
        var policy = input.Policy;
        string[] referrer = [info.RequesterId];

        // 1. Submitted. A child takes the juvenile pathway: the child-protection authority is involved from the start.
        if (input.Track == ReferralTrack.Juvenile)
        {
            await NotifyAsync(context, info, NotificationKind.Alert, "submitted", "JuvenileReferral", Roles.ChildProtection, ScopeLevel.Region);
        }

        // 2. Eligibility screening — single approval, programme coordinator.
        var eligibility = await ApprovalStep.RunAsync(context, input.StepRequest("eligibilityScreening", referrer));
        if (!eligibility.IsApproved)
        {
            return await EndAsync(context, info, eligibility, ReferralOutcomes.NotEligible);
        }

        // 3. Risk and needs assessment — a quorum of two certified assessors (track-specific tool; women assessors for a woman or girl).
        var assessmentStep = input.Track == ReferralTrack.Juvenile ? "riskAssessmentJuvenile" : "riskAssessment";
        var assessment = await ApprovalStep.RunAsync(context, input.StepRequest(assessmentStep, referrer));
        if (!assessment.IsApproved)
        {
            return await EndAsync(context, info, assessment, ReferralOutcomes.AssessmentNotAgreed);
        }

        var riskLevel = assessment.Attributes.GetValueOrDefault("riskLevel", "Medium");
        var assessmentId = await RecordAssessmentAsync(context, input, assessment, riskLevel, 0);

        // 4. Security clearance — single approval with veto; a veto is reviewable by the director.
        var security = await ApprovalStep.RunAsync(context, input.StepRequest("securityClearance", referrer));
        if (security.Result == ApprovalResult.Vetoed)
        {
            string[] excluded = [info.RequesterId, .. security.DeciderIds];
            var review = await ApprovalStep.RunAsync(context, input.StepRequest("securityVetoReview", excluded));
            if (!review.IsApproved)
            {
                return await EndAsync(context, info, review, ReferralOutcomes.SecurityVetoUpheld);
            }

            await RecordAsync(context, info, AuditActions.Override, "The director overturned the security veto on review.");
        }
        else if (!security.IsApproved)
        {
            return await EndAsync(context, info, security, ReferralOutcomes.SecurityNotCleared);
        }

        // 5. Information and consent session — a gate, due 10 days after the assessment.
        if (!await ConsentGateAsync(context, input, assessment.At))
        {
            // A refusal is recorded neutrally and triggers nothing punitive.
            return await FinishAsync(context, info, ReferralOutcomes.ConsentRefused);
        }

        // 6. Case conference drafts the individual plan — all core members, or (a policy option) a majority with dissent recorded.
        var conference = await ApprovalStep.RunAsync(context, input.StepRequest("caseConference", referrer));
        if (!conference.IsApproved)
        {
            return await EndAsync(context, info, conference, ReferralOutcomes.PlanNotAgreed);
        }

        await RecordDissentAsync(context, info, conference);

        // 7. Placement decision — sequential: director (escalating to deputy, then central); high risk adds central administration.
        // Safeguard 2: placement only with a linked individual assessment record.
        var placementStep = riskLevel == "High" ? "placementDecisionHighRisk" : "placementDecision";
        var placementRequest = input.StepRequest(placementStep, referrer) with { SubjectRef = assessmentId };
        var placement = await ApprovalStep.RunAsync(context, placementRequest);
        if (!placement.IsApproved)
        {
            return await EndAsync(context, info, placement, ReferralOutcomes.PlacementRefused);
        }

        await RecordAsync(context, info, AuditActions.WorkflowOutcome, "Placed", status: "Placed", section: "placement", data: new { assessmentId, placedAt = context.CurrentUtcDateTime, riskLevel });
        await NotifyAsync(context, info, NotificationKind.Outcome, "placementDecision", "Placed", people: [info.RequesterId], toSubject: true, challengeRoute: "complaint");

        // 8. Waiting list — alert if no start after 60 days, and again every 30 days after that (policy timers).
        var waitingSince = context.CurrentUtcDateTime;
        var alertAt = policy.Calendar.Add(waitingSince, policy.Timer("waitingListAlert"));
        while (true)
        {
            ShowWait(context, "waitingList", alertAt, Roles.ProgrammeCoordinator);
            if (await WaitForEventAsync<StartedSignal>(context, ReferralEvents.ProgrammeStarted, alertAt) is not null)
            {
                break;
            }

            await NotifyAsync(context, info, NotificationKind.Alert, "waitingList", "WaitingListAlert", Roles.ProgrammeCoordinator);
            await NotifyAsync(context, info, NotificationKind.Alert, "waitingList", "WaitingListAlert", Roles.PrisonDirector);
            // An instance started before the policy had this timer keeps the 30 days it started with.
            var realert = policy.Timers.TryGetValue("waitingListRealert", out var every) ? every : Policies.Duration.Days(30);
            alertAt = policy.Calendar.Add(context.CurrentUtcDateTime, realert);
        }

        // 9. Delivery and monitoring: an eternal loop, one execution per review.
        var now = context.CurrentUtcDateTime;
        await RecordAsync(context, info, AuditActions.EventRecorded, "ProgrammeStarted", status: "InProgramme");
        context.ContinueAsNew(input with
        {
            Phase = ReferralPhase.Monitoring,
            Monitoring = new MonitoringState(
                riskLevel,
                policy.Calendar.Add(now, policy.Timer("progressReviewEvery")),
                policy.Calendar.Add(now, ReferralMonitoring.ReassessmentInterval(policy, riskLevel)),
                0,
                assessmentId),
        });
        return new WorkflowResult("ContinuedAsNew");
    }

    private static async Task<bool> ConsentGateAsync(OrchestrationContext context, ReferralInput input, DateTimeOffset assessedAt)
    {
        var info = input.Case;
        var policy = input.Policy;
        var due = policy.Calendar.Add(assessedAt, policy.Timer("consentDue"));
        ShowWait(context, "consentSession", due, Roles.ProgrammeCoordinator);
        var consent = await WaitForEventAsync<ConsentSignal>(context, ReferralEvents.ConsentRecorded, due);
        if (consent is null)
        {
            await NotifyAsync(context, info, NotificationKind.Escalation, "consentSession", "ConsentSessionOverdue", Roles.ProgrammeCoordinator);
            consent = await context.WaitForExternalEvent<ConsentSignal>(ReferralEvents.ConsentRecorded);
        }

        if (consent.Given)
        {
            return true;
        }

        // A refusal becomes final only after the reflection period; consent given meanwhile counts.
        var reflectionEnds = policy.Calendar.Add(context.CurrentUtcDateTime, policy.Timer("reflectionPeriod"));
        await RecordAsync(context, info, AuditActions.ConsentRecorded, "Refused; reflection period running", status: "ReflectionPeriod");
        ShowWait(context, "reflectionPeriod", reflectionEnds, Roles.ProgrammeCoordinator);
        var changed = await WaitForEventAsync<ConsentSignal>(context, ReferralEvents.ConsentRecorded, reflectionEnds);
        return changed is { Given: true };
    }

    /// <summary>
    /// A plan agreed by majority keeps its dissent: who dissented (role, person, decision and task ids) and
    /// their reason codes; the dissenting comments stay on the task rows the ids point to.
    /// </summary>
    private static async Task RecordDissentAsync(OrchestrationContext context, CaseInfo info, ApprovalOutcome conference)
    {
        var dissent = conference.Decisions
            .Where(d => d.Decision == DecisionKind.Reject)
            .Select(d => new { role = d.Role, actorId = d.ActorId, decisionId = d.DecisionId, taskId = d.TaskId, reasonCodes = d.ReasonCodes, at = d.At })
            .ToList();
        if (dissent.Count == 0)
        {
            return;
        }

        await RecordAsync(
            context,
            info,
            AuditActions.StepOutcome,
            string.Create(CultureInfo.InvariantCulture, $"Case conference agreed the plan by majority; {dissent.Count} dissent recorded"),
            section: "caseConferenceDissent",
            data: new { approvalInstanceId = conference.InstanceId, dissent });
    }

    internal static async Task<string> RecordAssessmentAsync(OrchestrationContext context, ReferralInput input, ApprovalOutcome assessment, string riskLevel, int cycle)
    {
        var tool = input.Track switch
        {
            ReferralTrack.Juvenile => "juvenile-structured-professional-judgement",
            ReferralTrack.Women => "gender-responsive-structured-professional-judgement",
            _ => "adult-structured-professional-judgement",
        };
        var assessmentId = $"assessment-{cycle}";
        var nextReview = input.Policy.Calendar.Add(assessment.At, ReferralMonitoring.ReassessmentInterval(input.Policy, riskLevel));
        await RecordAsync(
            context,
            input.Case,
            AuditActions.SectionWritten,
            $"Risk assessment recorded ({riskLevel})",
            section: assessmentId,
            tier: DataTier.RiskAssessment,
            data: new
            {
                assessmentId,
                tool,
                toolVersion = "policy-default",
                assessorIds = assessment.Decisions.Select(d => d.ActorId).ToList(),
                date = assessment.At,
                overallJudgement = riskLevel,
                needsProfile = assessment.Attributes.GetValueOrDefault("needsProfile"),
                nextReviewDate = nextReview,
            });
        return assessmentId;
    }

    /// <summary>
    /// Safeguard 6: a referral ended by a decision about the person (refused, not agreed, vetoed, lapsed
    /// undecided) records its reasons and sends them a decision notice with the way to challenge it; the
    /// referrer's own withdrawal decides nothing about them.
    /// </summary>
    private static async Task<WorkflowResult> EndAsync(OrchestrationContext context, CaseInfo info, ApprovalOutcome outcome, string rejectedOutcome)
    {
        var ended = outcome.Result switch
        {
            ApprovalResult.Withdrawn => ReferralOutcomes.Withdrawn,
            ApprovalResult.Expired => ReferralOutcomes.Lapsed,
            _ => rejectedOutcome,
        };
        if (ended == ReferralOutcomes.Withdrawn)
        {
            return await FinishAsync(context, info, ended);
        }

        await RecordAsync(
            context,
            info,
            AuditActions.StepOutcome,
            $"{ended}: reasons recorded",
            section: "decisionReasons",
            data: new
            {
                outcome = ended,
                result = outcome.Result.ToString(),
                approvalInstanceId = outcome.InstanceId,
                outcome.Disagreement,
                outcome.SettledBy,
                reasonCodes = outcome.Decisions.SelectMany(d => d.ReasonCodes).Distinct().ToList(),
                decisions = outcome.Decisions.Select(d => new { role = d.Role, actorId = d.ActorId, decisionId = d.DecisionId, taskId = d.TaskId, decision = d.Decision.ToString(), reasonCodes = d.ReasonCodes }).ToList(),
            });
        return await FinishAsync(context, info, ended, noticeToSubject: true);
    }
}
