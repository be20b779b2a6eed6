using Workflows.Approvals;
using Workflows.Audit;
using Workflows.Cases;
using Workflows.Engine;
using Workflows.Notifications;
using Workflows.Policies;
using static Workflows.WorkflowSteps;

namespace Workflows.Repatriation;

/// <summary>
/// From arrival to the exit (steps 5–9) for the members on the manifest: triage within 24 hours with the
/// family kept together, a legal-track decision per adult (an imprisoned adult continues in workflows 1
/// and 3, and their child then needs a family placement), each child's placement, documents within 60
/// days, birth registrations settled, at least a month in the centre, then the exit — all of; a refused
/// exit keeps the household in the centre until a new exit review.
/// </summary>
internal sealed class CentrePhase(OrchestrationContext context, RepatriationInput input, IReadOnlyList<HouseholdMember> members, BirthRegistrations births)
{
    private readonly CaseInfo _info = input.Case;
    private readonly WorkflowPolicy _policy = input.Policy;

    public async Task RunAsync()
    {
        var adults = members.Where(m => m.Adult).ToList();
        var children = members.Where(m => !m.Adult).ToList();

        // 5. Arrival triage (day 0–1): medical screening and child-protection hand-over within 24 hours; warrants to investigators.
        ShowWait(context, "arrival", null, Roles.CentreDirector);
        await context.WaitForExternalEvent<HouseholdSignal>(RepatriationEvents.ArrivalRecorded);
        var arrivedAt = context.CurrentUtcDateTime;
        await RecordAsync(context, _info, AuditActions.EventRecorded, "Arrived", status: "InCentre");
        if (adults.Count > 0 && await context.CallDomainActivityAsync<bool>(WarrantsOnArrivalActivity.Name, new ArrivingAdults(_info.CaseId, adults.Select(a => a.MemberRef!).ToList())))
        {
            await NotifyAsync(context, _info, NotificationKind.Alert, "arrival", "WarrantHandover", Roles.Prosecutor, ScopeLevel.Region);
        }

        var families = children.Where(c => c.ParentRef is { } p && adults.Any(a => a.MemberRef == p)).Select(c => new { childRef = c.MemberRef, parentRef = c.ParentRef }).ToList();
        if (families.Count > 0)
        {
            await RecordAsync(context, _info, AuditActions.EventRecorded, "FamilyKeptTogether", section: "family", tier: DataTier.ChildProtection, data: new { together = families });
        }

        // The triage steps run side by side: one status shows those still open.
        var arrival = new PhaseStatus(context, "arrival");
        var triage = new List<Task<ApprovalOutcome>> { RepatriationSteps.RunInCountryAsync(context, _info, input.StepForMembers("medicalScreening", members.Select(m => m.MemberRef!)), arrival) };
        triage.AddRange(children.Select(c => RepatriationSteps.RunInCountryAsync(context, _info, input.StepFor("childProtectionHandover", c.MemberRef!), arrival)));
        await Task.WhenAll(triage);

        // 6. Legal track per adult (children: victim-first, no prosecution by default); 8. placement per child; 7. documents within 60 days.
        var centre = new PhaseStatus(context, "adaptationCentre");
        var legal = adults.ToDictionary(a => a.MemberRef!, a => LegalTrackAsync(a, centre), StringComparer.Ordinal);
        var placements = children.Select(c => PlaceAsync(c, legal, arrivedAt, centre)).ToList();
        var documents = DocumentsWatchAsync(arrivedAt, centre);
        await Task.WhenAll(legal.Values);
        await Task.WhenAll(placements);
        await documents;
        await births.CompleteAsync();

        // 7. The adaptation centre lasts at least one month.
        var earliestExit = _policy.Calendar.Add(arrivedAt, _policy.Timer("adaptationMinimum"));
        if (context.CurrentUtcDateTime < earliestExit)
        {
            ShowWait(context, "adaptationCentre", earliestExit);
            await context.CreateTimer(earliestExit);
        }

        await ExitAsync(children.Count > 0, adults.Count > 0);
    }

    /// <summary>9. Exit — all of: centre director, medical, child protection (children), security (adults). Refused, the household stays and is reviewed again.</summary>
    private async Task ExitAsync(bool withChildren, bool withAdults)
    {
        var exitPolicy = _policy.Step("centreExit");
        var extra = (withChildren ? _policy.Step("centreExitChildren").Approvers : []).Concat(withAdults ? _policy.Step("centreExitAdults").Approvers : []);
        var request = input.StepForMembers("centreExit", members.Select(m => m.MemberRef!), exitPolicy with { Approvers = [.. exitPolicy.Approvers, .. extra] });
        for (var review = 1; ; review++)
        {
            var exit = await RepatriationSteps.RunInCountryAsync(context, _info, request);
            if (exit.IsApproved)
            {
                return;
            }

            var nextReview = _policy.Calendar.Add(context.CurrentUtcDateTime, RepatriationSteps.ExitReviewAfterRefusal(_policy));
            await RecordAsync(context, _info, AuditActions.StepOutcome, $"Exit {exit.Result}; the household stays in the centre", status: "InCentre", section: $"exitReview-{review}",
                data: new { result = exit.Result.ToString(), nextReviewAt = nextReview });
            await NotifyAsync(context, _info, NotificationKind.Alert, "centreExit", "ExitRefusedNewReview", Roles.CentreDirector, due: nextReview);
            ShowWait(context, "exitReview", nextReview, Roles.CentreDirector);
            await context.CreateTimer(nextReview);
        }
    }

    /// <remarks>The track shows from its start until it is settled (recorded, follow-on workflows started), not only while the prosecutor decides.</remarks>
    private Task<string> LegalTrackAsync(HouseholdMember adult, PhaseStatus centre)
    {
        var shown = new WorkflowStatus
        {
            Step = "legalTrack",
            NextDeadline = _policy.Calendar.Add(context.CurrentUtcDateTime, _policy.Step("legalTrack").Deadline),
            WaitingOnRoles = _policy.Step("legalTrack").Approvers.Select(a => a.Role).Distinct().ToList(),
        };
        return centre.ShowWhileAsync(shown, SettleLegalTrackAsync(adult, centre));
    }

    private async Task<string> SettleLegalTrackAsync(HouseholdMember adult, PhaseStatus centre)
    {
        var decision = await RepatriationSteps.RunInCountryAsync(context, _info, input.StepFor("legalTrack", adult.MemberRef!), centre);
        var track = decision.IsApproved ? decision.Attributes.GetValueOrDefault("legalTrack", "Undecided") : "Undecided";
        await RecordAsync(context, _info, AuditActions.StepOutcome, $"Legal track for {adult.MemberRef}: {track}", section: $"legalTrack-{adult.MemberRef}", tier: DataTier.Legal, data: new { memberRef = adult.MemberRef, track });
        if (track == "Imprisoned")
        {
            // 11. An adult who is prosecuted and imprisoned continues in workflows 1 and 3, from the case's real data only.
            var followOn = await context.CallDomainActivityAsync<FollowOnResult>(
                StartFollowOnWorkflowsActivity.Name,
                new FollowOnInput(_info, adult.MemberRef!, decision.Attributes.GetValueOrDefault("prisonId"), decision.Attributes.GetValueOrDefault("releaseDate"), decision.Attributes.GetValueOrDefault("riskLevel")));
            await RecordAsync(context, _info, AuditActions.EventRecorded, $"Follow-on workflows for {adult.MemberRef}", section: $"followOn-{adult.MemberRef}", tier: DataTier.Legal,
                data: new { memberRef = adult.MemberRef, referralCaseId = followOn.ReferralCaseId, preReleaseCaseId = followOn.PreReleaseCaseId, missing = followOn.Missing });
            if (followOn.Missing.Count > 0)
            {
                await NotifyAsync(context, _info, NotificationKind.Alert, "legalTrack", "FollowOnDataMissing", Roles.Prosecutor, ScopeLevel.Region);
                await NotifyAsync(context, _info, NotificationKind.Alert, "legalTrack", "FollowOnDataMissing", Roles.CentreDirector);
            }
        }

        return track;
    }

    /// <summary>A child stays with their parent; when the parent is imprisoned, the child needs a family placement instead.</summary>
    /// <remarks>
    /// The placement runs in the child's own instance (its status names the task); here it shows as the
    /// step, the three-month alert and the roles that decide it.
    /// </remarks>
    private Task<string> PlaceAsync(HouseholdMember child, Dictionary<string, Task<string>> legal, DateTimeOffset arrivedAt, PhaseStatus centre)
    {
        var shown = new WorkflowStatus
        {
            Step = "childPlacement",
            NextDeadline = _policy.Calendar.Add(arrivedAt, _policy.Timer("childPlacementAlert")),
            WaitingOnRoles = _policy.Step("bestInterests").Approvers.Concat(_policy.Step("childPlacement").Approvers).Select(a => a.Role).Distinct().ToList(),
        };
        return centre.ShowWhileAsync(shown, PlaceWithParentOrFamilyAsync(child, legal, arrivedAt));
    }

    private async Task<string> PlaceWithParentOrFamilyAsync(HouseholdMember child, Dictionary<string, Task<string>> legal, DateTimeOffset arrivedAt)
    {
        string? parent = null;
        if (child.ParentRef is { } parentRef && legal.TryGetValue(parentRef, out var track))
        {
            parent = await track == "Imprisoned" ? null : parentRef;
        }

        return await context.CallSubOrchestrationAsync<string>(
            ChildPlacementOrchestration.Name,
            new ChildPlacementInput(_info, _policy, child.MemberRef!, arrivedAt, parent, input.WomenAndGirls.Contains(child.MemberRef!)),
            new SubOrchestrationOptions { InstanceId = RepatriationOrchestration.ChildInstanceId(context.InstanceId, child.MemberRef!) });
    }

    private async Task DocumentsWatchAsync(DateTimeOffset arrivedAt, PhaseStatus centre)
    {
        var due = _policy.Calendar.Add(arrivedAt, _policy.Timer("documentsRestored"));
        var restored = WaitForEventAsync<HouseholdSignal>(context, RepatriationEvents.DocumentsRestored, due);
        if (await centre.ShowWhileAsync(new WorkflowStatus { Step = "documentsRestored", NextDeadline = due, WaitingOnRoles = [Roles.CentreDirector] }, restored) is null)
        {
            await NotifyAsync(context, _info, NotificationKind.Alert, "adaptationCentre", "DocumentsNotRestored", Roles.CentreDirector);
        }
        else
        {
            await RecordAsync(context, _info, AuditActions.EventRecorded, "DocumentsRestored");
        }
    }
}
