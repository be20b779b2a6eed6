using Workflows.Approvals;
using Workflows.Audit;
using Workflows.Engine;
using Workflows.Notifications;
using Workflows.Policies;
using static Workflows.WorkflowSteps;

namespace Workflows.CsoAccess;

/// <summary>
/// Workflow 2 — multi-party approval of a CSO's access: completeness check (may return for
/// clarification), parallel reviews (all of legal, programme, security, data protection, and religious
/// content where proposed — or an inter-agency majority with security's concurrence) together with the
/// security vetting of each staff member, the final decision by someone who reviewed nothing
/// (reconsideration on request), the access agreement, site onboarding per prison, then the permit
/// (<see cref="CsoPermitPhase"/>).
/// </summary>
[OrchestrationName(Name)]
public sealed class CsoAccessOrchestration : Orchestration<CsoAccessInput, WorkflowResult>
{
    public const string Name = "CsoAccess";

    public override async Task<WorkflowResult> RunAsync(OrchestrationContext context, CsoAccessInput input)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);
        if (input.Permit is not null)
        {
            return await CsoPermitPhase.RunAsync(context, input);
        }

        var info = input.Case;
        var policy = input.Policy;
        ApprovalRequest Req(string step, IReadOnlyList<string>? excluded = null, StepPolicy? stepPolicy = null) =>
            Request(info, policy, step, excluded, stepPolicy) with { OrganisationId = input.OrganisationId };

        // 2. Completeness check — central partnerships unit; may return for clarification.
        var completeness = await ApprovalStep.RunAsync(context, Req("completenessCheck"));
        if (!completeness.IsApproved)
        {
            return await EndAsync(context, info, completeness, CsoOutcomes.Incomplete);
        }

        // 3. Parallel reviews of the organisation and security vetting of each staff member.
        var reviewStep = input.InterAgencyDecision ? "interAgencyReview" : "parallelReviews";
        var reviewPolicy = policy.Step(reviewStep);
        if (input.FaithBasedContent)
        {
            reviewPolicy = reviewPolicy with { Approvers = [.. reviewPolicy.Approvers, .. policy.Step("religiousContentReview").Approvers] };
        }

        var prepared = new List<ApprovalStep.Prepared> { await ApprovalStep.PrepareAsync(context, Req(reviewStep, null, reviewPolicy)) };
        foreach (var staffId in input.StaffIds)
        {
            prepared.Add(await ApprovalStep.PrepareAsync(context, Req("staffVetting") with { SubjectRef = staffId }));
        }

        context.SetCustomStatus(new WorkflowStatus
        {
            Step = reviewStep,
            NextDeadline = prepared[0].Status.NextDeadline,
            WaitingOnTaskIds = prepared.SelectMany(p => p.Status.WaitingOnTaskIds).ToList(),
            WaitingOnRoles = prepared.SelectMany(p => p.Status.WaitingOnRoles).Distinct().ToList(),
        });
        var running = prepared.Select(p => ApprovalStep.RunPreparedAsync(context, p)).ToList();
        var review = await running[0];
        if (!review.IsApproved)
        {
            // The organisation was refused: the staff vetting still open is withdrawn.
            foreach (var (p, task) in prepared.Zip(running).Skip(1).Where(x => !x.Second.IsCompleted))
            {
                ApprovalStep.Withdraw(context, p);
            }

            await Task.WhenAll(running);
            return await EndAsync(context, info, review, CsoOutcomes.Rejected);
        }

        var outcomes = await Task.WhenAll(running);
        var vetted = input.StaffIds.Where((_, i) => outcomes[i + 1].IsApproved).ToList();
        var reviewers = outcomes.SelectMany(o => o.DeciderIds).Distinct().ToList();

        // 4. Final decision — by someone who reviewed or vetted nothing in this application (separation of duties).
        var final = await ApprovalStep.RunAsync(context, Req("finalDecision", reviewers));
        if (final.Result == ApprovalResult.Rejected)
        {
            await NotifyAsync(context, info, NotificationKind.Outcome, "finalDecision", "RejectedReconsiderationPossible", people: [info.RequesterId]);
            var windowEnds = policy.Calendar.Add(context.CurrentUtcDateTime, policy.Timer("reconsiderationWindow"));
            ShowWait(context, "reconsiderationWindow", windowEnds, Roles.CsoFocalPoint);
            var asked = await WaitForEventAsync<CsoSignal>(context, CsoEvents.ReconsiderationRequested, windowEnds);
            if (asked is null)
            {
                return await FinishAsync(context, info, CsoOutcomes.Rejected);
            }

            final = await ApprovalStep.RunAsync(context, Req("reconsideration", [.. reviewers, .. final.DeciderIds]));
        }

        if (!final.IsApproved)
        {
            return await EndAsync(context, info, final, CsoOutcomes.Rejected);
        }

        // 5. Access agreement — scope, validity (12 months), conditions (safeguard 11), data-sharing annex (the fields CSO staff may see).
        var validUntil = policy.Calendar.Add(context.CurrentUtcDateTime, policy.Timer("permitValidity"));
        var conditions = await AccessConditions.ReadAsync(context, info, "finalDecision", final, validUntil);
        await RecordAsync(context, info, AuditActions.Disclosure, "Access agreement", status: CsoOutcomes.PermitActive, section: DataSharingAnnex.AgreementSection,
            data: new { organisationId = input.OrganisationId, facilities = input.FacilityIds, staff = vetted, validUntil, withConditions = final.WithConditions, conditions, annex = DataSharingAnnex.Default });

        // 6. Site onboarding per prison — prison director; induction and security briefing. The permit covers the prisons that onboarded.
        var onboarding = new List<ApprovalStep.Prepared>();
        foreach (var facilityId in input.FacilityIds)
        {
            onboarding.Add(await ApprovalStep.PrepareAsync(context, Req("siteOnboarding") with { FacilityId = facilityId, SubjectRef = facilityId }));
        }

        var onboardingStatus = new PhaseStatus(context, "siteOnboarding");
        var onboarded = await Task.WhenAll(onboarding.Select(onboardingStatus.RunAsync));
        if (onboarded.Any(o => o.Result == ApprovalResult.Withdrawn))
        {
            return await FinishAsync(context, info, CsoOutcomes.Withdrawn);
        }

        var facilities = input.FacilityIds.Where((_, i) => onboarded[i].IsApproved).ToList();
        if (facilities.Count == 0)
        {
            return await FinishAsync(context, info, CsoOutcomes.NotOnboarded);
        }

        if (facilities.Count < input.FacilityIds.Count)
        {
            await RecordAsync(context, info, AuditActions.StepOutcome, "Onboarded at some prisons only", section: "accessAgreement-facilities", data: new { facilities });
        }

        await RecordAsync(context, info, AuditActions.EventRecorded, "PermitGranted", section: PermitRecord.SectionName, data: new PermitRecord(validUntil, vetted, facilities).ToSectionData());
        await NotifyAsync(context, info, NotificationKind.Outcome, null, CsoOutcomes.PermitActive, people: [info.RequesterId]);
        context.ContinueAsNew(input with { FacilityIds = facilities, Permit = new PermitState(validUntil, vetted, [], 0) });
        return new WorkflowResult("ContinuedAsNew");
    }

    private static Task<WorkflowResult> EndAsync(OrchestrationContext context, CaseInfo info, ApprovalOutcome outcome, string otherwise) =>
        FinishAsync(context, info, outcome.Result switch
        {
            ApprovalResult.Withdrawn => CsoOutcomes.Withdrawn,
            ApprovalResult.Expired => CsoOutcomes.Lapsed,
            _ => otherwise,
        });
}
