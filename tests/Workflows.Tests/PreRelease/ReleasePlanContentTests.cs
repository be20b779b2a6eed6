using System.Text.Json;
using Workflows.Approvals;
using Workflows.Audit;
using Workflows.Cases;
using Workflows.PreRelease;
using Workflows.Tests.Support;
using static Workflows.Tests.Support.ExactTime;

namespace Workflows.Tests.PreRelease;

/// <summary>
/// The plan's content (domain 3.3): recorded at the conference, sealed by plan approval; the linked
/// referral's programme outcome feeds its needs. Release on 1 September 2026: the conference opens on 1 March.
/// </summary>
public sealed class ReleasePlanContentTests : IAsyncLifetime
{
    private readonly DomainHost _host;
    private readonly PreReleaseDriver _plan;

    public ReleasePlanContentTests()
    {
        _host = DomainHost.Create();
        _plan = new PreReleaseDriver(_host);
    }

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public ValueTask DisposeAsync() => _host.DisposeAsync();

    private static ReleasePlanContent Plan() => new()
    {
        Actions = [new PlanAction { Action = "Secure supported housing", OwnerAgency = "Local authority", Due = new DateOnly(2026, 8, 1) }],
        SupervisionConditions = [new SupervisionCondition { Condition = "Report weekly", LegalBasis = "Penal Enforcement Code art. 169", ImposingAuthority = "Court", Duration = "12 months" }],
        ContactSchedule = [new PlanContact { Frequency = "weekly", Until = "1 month after release", Agency = "Probation" }],
        ContingencyTriggers = [new PlanContingency { Trigger = "Loss of housing", Response = "Case conference within 5 days" }],
        InformationSharing = [new PlanDisclosure { Agency = "Police", Information = "Address", LegalBasis = "Probation Act art. 8", Duration = "Until supervision ends" }],
    };

    private async Task ToConferenceAsync(PreReleaseRequest? request = null)
    {
        await _plan.StartAsync(request ?? PreReleaseDriver.Request(new DateOnly(2026, 9, 1)), PreReleaseDriver.SocialWorker);
        await _host.ApproveAllOpenAsync(_plan.CaseId);
        await _host.Host.AdvanceToAsync(On(2026, 3, 1));
        Assert.NotEmpty(await _host.OpenTasksAsync(_plan.CaseId, "planningConference"));
    }

    private async Task ApprovePlanAsync()
    {
        await _host.ApproveAllOpenAsync(_plan.CaseId, filter: t => t.Step is "planningConference" or "planApproval");
        Assert.True((await _plan.SectionAsync("releasePlan"))!.Value.GetProperty("approved").GetBoolean());
    }

    [Fact]
    public async Task RecordPlan_WithoutALegalBasisOwnerAgencyOrDisclosureDuration_IsRefusedNamingEachField_AndWritesNothing()
    {
        await ToConferenceAsync();
        var plan = Plan() with
        {
            Actions = [new PlanAction { Action = "Secure supported housing", Due = new DateOnly(2026, 8, 1) }],
            SupervisionConditions = [new SupervisionCondition { Condition = "Report weekly", ImposingAuthority = "Court" }],
            InformationSharing = [new PlanDisclosure { Agency = "Police", Information = "Address", LegalBasis = "Probation Act art. 8" }],
        };

        var result = await _plan.Service.RecordPlanAsync(_plan.CaseId, plan, _host.Actor(PreReleaseDriver.SocialWorker));

        Assert.Equal(DecisionStatus.Invalid, result.Status);
        Assert.Equal(["actions[0].ownerAgency", "informationSharing[0].duration", "supervisionConditions[0].legalBasis"], result.Errors!.Select(e => e.Field).Order(StringComparer.Ordinal));
        Assert.Null(await _plan.SectionAsync(ReleasePlanSections.Draft));
    }

    [Fact]
    public async Task RecordPlan_AtTheConference_IsSealedAsTheApprovedPlan()
    {
        await ToConferenceAsync();

        Assert.Equal(DecisionStatus.Recorded, (await _plan.Service.RecordPlanAsync(_plan.CaseId, Plan(), _host.Actor(PreReleaseDriver.SocialWorker))).Status);
        await ApprovePlanAsync();

        var approved = (await _plan.SectionAsync(ReleasePlanSections.Approved))!.Value;
        var action = approved.GetProperty("actions")[0];
        Assert.Equal(("Local authority", "2026-08-01"), (action.GetProperty("ownerAgency").GetString(), action.GetProperty("due").GetString()));
        var condition = approved.GetProperty("supervisionConditions")[0];
        Assert.Equal(("Penal Enforcement Code art. 169", "Court"), (condition.GetProperty("legalBasis").GetString(), condition.GetProperty("imposingAuthority").GetString()));
        Assert.Equal("weekly", approved.GetProperty("contactSchedule")[0].GetProperty("frequency").GetString());
        Assert.Equal("Loss of housing", approved.GetProperty("contingencyTriggers")[0].GetProperty("trigger").GetString());
        Assert.Equal("Until supervision ends", approved.GetProperty("informationSharing")[0].GetProperty("duration").GetString());
        Assert.True((await _plan.SectionAsync("releasePlan"))!.Value.GetProperty("contentRecorded").GetBoolean());
    }

    [Fact]
    public async Task PlanApproval_SealingThePlan_IsAuditedAsASectionWriteOfTheApprovedPlanBySystem()
    {
        await ToConferenceAsync();
        await _plan.Service.RecordPlanAsync(_plan.CaseId, Plan(), _host.Actor(PreReleaseDriver.SocialWorker));

        await ApprovePlanAsync();

        var sealedVersion = (await _host.Cases.ReadSectionHistoryAsync(_plan.CaseId, DataTier.Workflow, ReleasePlanSections.Approved)).Single();
        var entry = Assert.Single(await _host.Audit.ReadAsync(_plan.CaseId), e => e.Action == AuditActions.SectionWritten && e.Ids.GetValueOrDefault(SectionAmendments.SectionId) == ReleasePlanSections.Approved);
        Assert.Equal(Actor.System.UserId, entry.ActorId);
        Assert.Equal(sealedVersion.Version.ToString(System.Globalization.CultureInfo.InvariantCulture), entry.Ids[SectionAmendments.VersionId]);
    }

    [Fact]
    public async Task RecordPlan_Twice_KeepsBothVersions_AndAuditsTheSecondAsAnAmendmentOfTheFirst()
    {
        await ToConferenceAsync();
        var worker = _host.Actor(PreReleaseDriver.SocialWorker);

        var first = await _plan.Service.RecordPlanAsync(_plan.CaseId, Plan(), worker);
        var second = await _plan.Service.RecordPlanAsync(_plan.CaseId, Plan() with { ContingencyTriggers = [new PlanContingency { Trigger = "Relapse", Response = "Case conference within 2 days" }] }, worker);

        Assert.Equal((DecisionStatus.Recorded, DecisionStatus.Recorded), (first.Status, second.Status));
        var entries = await _host.Audit.ReadAsync(_plan.CaseId);
        var amendment = entries.Single(e => e.Sequence.ToString(System.Globalization.CultureInfo.InvariantCulture) == second.DecisionId);
        Assert.Equal(long.Parse(first.DecisionId!, System.Globalization.CultureInfo.InvariantCulture), amendment.Amends);
        Assert.Equal(2, (await _host.Cases.ReadSectionHistoryAsync(_plan.CaseId, DataTier.Workflow, ReleasePlanSections.Draft)).Count);
    }

    [Fact]
    public async Task PlanApproved_WithoutRecordedContent_AlertsTheSocialWorker()
    {
        await ToConferenceAsync();

        await ApprovePlanAsync();

        Assert.False((await _plan.SectionAsync("releasePlan"))!.Value.GetProperty("contentRecorded").GetBoolean());
        Assert.Contains(_host.Notifier.Sent, n => n.Code == "PlanContentNotRecorded" && n.RecipientId == PreReleaseDriver.SocialWorker);
    }

    [Fact]
    public async Task LinkedReferral_ItsProgrammeOutcome_FeedsThePlanNeeds()
    {
        var referral = "case-ref-" + Guid.NewGuid().ToString("N")[..8];
        await _host.Cases.CreateAsync(new CaseRecord { CaseId = referral, Reference = "REF-X", Workflow = WorkflowNames.Referral, FacilityId = "almaty", RegionId = "south", RequesterId = "referrer.almaty", SubjectId = "P-9" });
        await _host.Cases.WriteSectionAsync(referral, new CaseSection { Tier = DataTier.Workflow, Name = "programmeOutcome", Data = JsonSerializer.SerializeToElement(new { outcome = "WithdrawnByPrisoner", at = On(2026, 1, 20) }) });

        await ToConferenceAsync(PreReleaseDriver.Request(new DateOnly(2026, 9, 1)) with { ReferralCaseId = referral });

        var needs = (await _plan.SectionAsync(ReleasePlanSections.Needs))!.Value;
        Assert.Equal("WithdrawnByPrisoner", needs.GetProperty("programmeOutcome").GetString());
        Assert.Equal(referral, needs.GetProperty("referralCaseId").GetString());
        Assert.Equal(On(2026, 1, 20), needs.GetProperty("programmeExitAt").GetDateTimeOffset());
    }
}
