using Workflows.Approvals;
using Workflows.Audit;
using Workflows.Engine;
using Workflows.Notifications;
using static Workflows.WorkflowSteps;

namespace Workflows.Repatriation;

/// <summary>
/// Workflow 4 — repatriation case intake for a household: verification (all of consular service, civil
/// registry, national security), consents, security pre-screen and manifest approval, arrival triage
/// (medical screening and child-protection hand-over within 24 hours), a legal-track decision per adult
/// (an imprisoned adult continues in workflows 1 and 3), the adaptation centre with each child's
/// placement, exit (all of), then reintegration reviews (<see cref="ReintegrationReviews"/>).
/// </summary>
[OrchestrationName(Name)]
public sealed class RepatriationOrchestration : Orchestration<RepatriationInput, WorkflowResult>
{
    public const string Name = "Repatriation";

    public override async Task<WorkflowResult> RunAsync(OrchestrationContext context, RepatriationInput input)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);
        if (input.Reviews is not null)
        {
            return await ReintegrationReviews.RunAsync(context, input);
        }

        var info = input.Case;
        var policy = input.Policy;
        var adults = input.Members.Where(m => m.Adult).ToList();
        var children = input.Members.Where(m => !m.Adult).ToList();

        // 2. Identity, nationality and family verification — all of.
        var verification = await ApprovalStep.RunAsync(context, Request(info, policy, "identityVerification"));
        if (!verification.IsApproved)
        {
            return await FinishAsync(context, info, "NotVerified");
        }

        // 3. Consents: a parent abroad for a child's return; DNA and its limits.
        var required = children.Where(c => c.NeedsParentConsent).Select(c => "parent:" + c.MemberRef)
            .Concat(input.Members.Where(m => m.NeedsDnaConsent).Select(m => "dna:" + m.MemberRef)).ToHashSet(StringComparer.Ordinal);
        var due = policy.Calendar.Add(context.CurrentUtcDateTime, policy.Timer("consentDue"));
        var reminded = false;
        while (required.Count > 0)
        {
            ShowWait(context, "consents", due, Roles.ConsularService);
            var consent = reminded
                ? await context.WaitForExternalEvent<HouseholdConsentSignal>(RepatriationEvents.ConsentRecorded)
                : await WaitForEventAsync<HouseholdConsentSignal>(context, RepatriationEvents.ConsentRecorded, due);
            if (consent is null)
            {
                reminded = true;
                await NotifyAsync(context, info, NotificationKind.Reminder, "consents", "ConsentsOutstanding", Roles.ConsularService, ScopeLevel.Central);
                continue;
            }

            required.Remove(consent.ConsentId);
            await RecordAsync(context, info, AuditActions.ConsentRecorded, $"{consent.ConsentId} {(consent.Given ? "given" : "refused")}");
        }

        // 4. Security pre-screen of adults; inclusion on the manifest — high-level authority, with a reference number.
        if (adults.Count > 0)
        {
            var prescreen = await ApprovalStep.RunAsync(context, Request(info, policy, "securityPrescreen") with { SubjectRef = "adults" });
            await RecordAsync(context, info, AuditActions.StepOutcome, "Security pre-screen " + prescreen.Result, section: "prescreen", tier: Cases.DataTier.Intelligence, data: new { result = prescreen.Result.ToString() });
        }

        var manifest = await ApprovalStep.RunAsync(context, Request(info, policy, "manifestApproval"));
        if (!manifest.IsApproved)
        {
            return await FinishAsync(context, info, "NotOnManifest");
        }

        await RecordAsync(context, info, AuditActions.StepOutcome, "On manifest " + manifest.Attributes["manifestReference"], status: "AwaitingArrival");

        // 5. Arrival triage (day 0–1): medical screening and child-protection hand-over within 24 hours; warrants to investigators.
        ShowWait(context, "arrival", null, Roles.CentreDirector);
        await context.WaitForExternalEvent<HouseholdSignal>(RepatriationEvents.ArrivalRecorded);
        var arrivedAt = context.CurrentUtcDateTime;
        await RecordAsync(context, info, AuditActions.EventRecorded, "Arrived", status: "InCentre");
        if (adults.Any(a => a.HasWarrant))
        {
            await NotifyAsync(context, info, NotificationKind.Alert, "arrival", "WarrantHandover", Roles.Prosecutor, ScopeLevel.Region);
        }

        var triage = new List<Task<ApprovalOutcome>> { ApprovalStep.RunAsync(context, Request(info, policy, "medicalScreening")) };
        triage.AddRange(children.Select(c => ApprovalStep.RunAsync(context, Request(info, policy, "childProtectionHandover") with { SubjectRef = c.MemberRef })));
        await Task.WhenAll(triage);

        // 6. Legal track per adult (children: victim-first, no prosecution by default); 8. placement per child; 7. documents within 60 days.
        var legal = adults.Select(a => LegalTrackAsync(context, input, a)).ToList();
        var placements = children.Select(c => context.CallSubOrchestrationAsync<string>(
            ChildPlacementOrchestration.Name,
            new ChildPlacementInput(info, policy, c.MemberRef!, arrivedAt),
            new SubOrchestrationOptions { InstanceId = ChildInstanceId(context.InstanceId, c.MemberRef!) })).ToList();
        var documents = DocumentsWatchAsync(context, input, arrivedAt);
        await Task.WhenAll(legal);
        await Task.WhenAll(placements);
        await documents;

        // 7. The adaptation centre lasts at least one month.
        var earliestExit = policy.Calendar.Add(arrivedAt, policy.Timer("adaptationMinimum"));
        if (context.CurrentUtcDateTime < earliestExit)
        {
            ShowWait(context, "adaptationCentre", earliestExit);
            await context.CreateTimer(earliestExit);
        }

        // 9. Exit from the centre — all of: centre director, medical, child protection (children), security (adults).
        var exitPolicy = policy.Step("centreExit");
        var extra = (children.Count > 0 ? policy.Step("centreExitChildren").Approvers : []).Concat(adults.Count > 0 ? policy.Step("centreExitAdults").Approvers : []);
        await ApprovalStep.RunAsync(context, Request(info, policy, "centreExit", null, exitPolicy with { Approvers = [.. exitPolicy.Approvers, .. extra] }));
        await RecordAsync(context, info, AuditActions.EventRecorded, "LeftCentre; reintegration plan", status: "Reintegration");

        // 10. Reintegration plan and reviews.
        context.ContinueAsNew(input with { Reviews = new ReviewState(context.CurrentUtcDateTime, 0) });
        return new WorkflowResult("ContinuedAsNew");
    }

    public static string ChildInstanceId(string householdInstanceId, string childRef) => $"{householdInstanceId}:child:{childRef}";

    private static async Task LegalTrackAsync(OrchestrationContext context, RepatriationInput input, HouseholdMember adult)
    {
        var decision = await ApprovalStep.RunAsync(context, Request(input.Case, input.Policy, "legalTrack") with { SubjectRef = adult.MemberRef });
        var track = decision.Attributes.GetValueOrDefault("legalTrack", "NoProsecution");
        await RecordAsync(context, input.Case, AuditActions.StepOutcome, $"Legal track for {adult.MemberRef}: {track}", section: $"legalTrack-{adult.MemberRef}", tier: Cases.DataTier.Legal, data: new { adult.MemberRef, track });
        if (track == "Imprisoned")
        {
            // 11. An adult who is prosecuted and imprisoned continues in workflows 1 and 3.
            await context.CallDomainActivityAsync<IReadOnlyList<string>>(StartFollowOnWorkflowsActivity.Name, new FollowOnInput(input.Case, adult.MemberRef!, decision.Attributes.GetValueOrDefault("prisonId", "almaty"), decision.Attributes.GetValueOrDefault("releaseDate")));
        }
    }

    private static async Task DocumentsWatchAsync(OrchestrationContext context, RepatriationInput input, DateTimeOffset arrivedAt)
    {
        var due = input.Policy.Calendar.Add(arrivedAt, input.Policy.Timer("documentsRestored"));
        if (await WaitForEventAsync<HouseholdSignal>(context, RepatriationEvents.DocumentsRestored, due) is null)
        {
            await NotifyAsync(context, input.Case, NotificationKind.Alert, "adaptationCentre", "DocumentsNotRestored", Roles.CentreDirector);
        }
    }
}
