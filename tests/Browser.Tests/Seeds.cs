using Workflows.Approvals;
using Workflows.CsoAccess;
using Workflows.People;
using Workflows.Referrals;

namespace Workflows.Browser.Tests;

/// <summary>Data the page tests need, created through the domain's own intake service (as the form would).</summary>
public static class Seeds
{
    public static async Task<(string Reference, string CaseId)> ReferralAsync(BrowserApp app, string evidence = "Seen distributing leaflets glorifying an attack.", string facilityId = "almaty")
    {
        ArgumentNullException.ThrowIfNull(app);
        var referrer = (await app.Service<IPersonDirectory>().FindAsync("referrer." + facilityId))!.ToActor();
        var result = await app.Service<ReferralService>().StartReferralAsync(
            new ReferralRequest
            {
                PrisonerId = "P-" + Guid.NewGuid().ToString("N")[..8],
                FacilityId = facilityId,
                Trigger = "staffObservation",
                ReasonCodes = ["propaganda-distribution"],
                EvidenceNarrative = evidence,
                DateOfBirth = new DateOnly(1988, 2, 14),
                Attachments = [new Workflows.Attachment(Workflows.Cases.DataTier.Workflow, "text/plain", "Incident report 42."u8.ToArray())],
            },
            referrer);
        Assert.Equal(IntakeStatus.Started, result.Status);
        return (result.CaseReference!, result.CaseId!);
    }

    /// <summary>
    /// A CSO application past its completeness check: the parallel reviews are open, among them the
    /// national-security review of natsec.central, a veto role whose rejection is a veto.
    /// </summary>
    public static async Task<string> CsoApplicationUnderReviewAsync(BrowserApp app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var directory = app.Service<IPersonDirectory>();
        var result = await app.Service<CsoAccessService>().StartApplicationAsync(
            new CsoAccessRequest
            {
                OrganisationId = "cso-bridge",
                RegistrationNumber = "REG-" + Guid.NewGuid().ToString("N")[..6],
                ProgrammeDescription = "Mentoring and vocational training, evaluated yearly.",
                TargetGroup = "Adult men in the last year of their sentence.",
                StaffIds = ["staff1.cso-bridge"],
                FacilityIds = ["almaty"],
                SafeguardingPolicyProvided = true,
                DataHandlingPlanProvided = true,
                CodeOfConductAccepted = true,
            },
            (await directory.FindAsync("focalpoint.cso-bridge"))!.ToActor());
        Assert.Equal(IntakeStatus.Started, result.Status);
        var completeness = await Waits.OpenTaskAsync(app, "partnerships.central", result.CaseReference!, "completenessCheck");
        var decided = await app.Service<ApprovalDecisionService>().DecideAsync(new DecisionCommand
        {
            TaskId = completeness.TaskId,
            Actor = (await directory.FindAsync("partnerships.central"))!.ToActor(),
            Decision = DecisionKind.Approve,
            Channel = DecisionChannel.Web,
        });
        Assert.Equal(DecisionStatus.Recorded, decided.Status);
        return result.CaseReference!;
    }

    /// <summary>
    /// A granted CSO permit of cso-bridge covering almaty, staff1 vetted: every task of the application approved by
    /// its assignee, through the decision service, until the permit runs. Returns the permit's case id.
    /// </summary>
    public static async Task<string> CsoPermitAsync(BrowserApp app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var reference = await CsoApplicationUnderReviewAsync(app);
        var directory = app.Service<IPersonDirectory>();
        var tasks = app.Service<IApprovalTaskStore>();
        var cases = app.Service<Workflows.Cases.ICaseStore>();
        var permitCase = await Waits.UntilAsync(
            async () =>
            {
                var open = (await tasks.ListByCaseAsync((await CaseIdOfAsync(app, reference))!)).Where(t => t.IsOpen && t.AssigneeId is not null);
                foreach (var task in open)
                {
                    await app.Service<ApprovalDecisionService>().DecideAsync(new DecisionCommand
                    {
                        TaskId = task.TaskId,
                        Actor = (await directory.FindAsync(task.AssigneeId!))!.ToActor(),
                        Decision = DecisionKind.Approve,
                        Channel = DecisionChannel.Web,
                    });
                }

                // Granted and its permit record written: what the assignment page offers.
                var caseId = await CaseIdOfAsync(app, reference);
                var offered = (await app.Service<CsoAssignmentService>().OffersAsync("almaty")).Any(o => o.PermitCaseId == caseId);
                return offered ? await cases.GetAsync(caseId!) : null;
            },
            "the CSO permit " + reference + " to be granted",
            seconds: 60);
        return permitCase.CaseId;
    }

    private static async Task<string?> CaseIdOfAsync(BrowserApp app, string reference) =>
        (await app.Service<Workflows.Engine.Client.OrchestrationClient>().GetInstanceAsync("csoAccess-" + reference))?.Tags.GetValueOrDefault(WorkflowNames.CaseTag);
}
