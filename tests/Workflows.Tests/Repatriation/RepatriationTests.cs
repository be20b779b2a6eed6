using Workflows.Approvals;
using Workflows.Repatriation;
using Workflows.Tests.Support;

namespace Workflows.Tests.Repatriation;

public sealed class RepatriationTests : IAsyncLifetime
{
    private readonly DomainHost _host = DomainHost.Create();
    private string _caseId = string.Empty;
    private string _instanceId = string.Empty;

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public ValueTask DisposeAsync() => _host.DisposeAsync();

    private RepatriationService Service => _host.Service<RepatriationService>();

    private static HouseholdRequest Household() => new()
    {
        CentreId = "aktau",
        ConsularListRef = "LIST-2026-04",
        Members =
        [
            new HouseholdMember { MemberRef = "m1", Adult = true, HasWarrant = true, NeedsDnaConsent = true },
            new HouseholdMember { MemberRef = "c1", BornAbroad = true, NeedsParentConsent = true },
            new HouseholdMember { MemberRef = "c2" },
        ],
    };

    private async Task StartAsync()
    {
        var result = await Service.StartHouseholdAsync(Household(), _host.Actor("consular.central"));
        Assert.Equal(IntakeStatus.Started, result.Status);
        (_caseId, _instanceId) = (result.CaseId!, result.InstanceId!);
        await _host.Host.RunUntilIdleAsync();
    }

    private async Task ArriveAsync()
    {
        await StartAsync();
        await _host.ApproveAllOpenAsync(_caseId);
        await Service.RecordConsentAsync(_caseId, "parent:c1", true, _host.Actor("consular.central"));
        await Service.RecordConsentAsync(_caseId, "dna:m1", true, _host.Actor("consular.central"));
        await _host.Host.RunUntilIdleAsync();
        await _host.ApproveAllOpenAsync(_caseId);
        Assert.Equal("arrival", (await _host.StatusAsync(_instanceId)).Step);
        Assert.Equal(DecisionStatus.Recorded, (await Service.RecordArrivalAsync(_caseId, _host.Actor("centredirector.aktau"))).Status);
        await _host.Host.RunUntilIdleAsync();
    }

    private string Step(string childRef) => RepatriationOrchestration.ChildInstanceId(_instanceId, childRef);

    [Fact]
    public async Task Intake_ValidatesMembers()
    {
        var result = await Service.StartHouseholdAsync(new HouseholdRequest { CentreId = "almaty", Members = [new HouseholdMember { MemberRef = "a", Adult = true, NeedsParentConsent = true }, new HouseholdMember { MemberRef = "a" }] }, _host.Actor("consular.central"));

        var errors = result.Errors!.Select(e => (e.Field, e.Code)).ToHashSet();
        Assert.Contains(("centreId", ErrorCodes.UnknownValue), errors);
        Assert.Contains(("members[0].needsParentConsent", ErrorCodes.NotAllowed), errors);
        Assert.Contains(("members[1].memberRef", ErrorCodes.Duplicate), errors);
    }

    [Fact]
    public async Task Verification_IsAllOf_ConsularRegistryAndNationalSecurity()
    {
        await StartAsync();

        var roles = (await _host.OpenTasksOfCaseAsync(_caseId)).Select(t => t.AssigneeId).ToHashSet();

        Assert.Equal(new HashSet<string?> { "consular.central", "civilregistry.central", "natsec.central" }, roles);
        await _host.DecideAllAsync(_caseId, "civilregistry.central", DecisionKind.Reject);
        Assert.Equal("NotVerified", (await _host.Host.GetOutputAsync<WorkflowResult>(_instanceId))!.Outcome);
    }

    [Fact]
    public async Task Manifest_NeedsAReferenceNumber_AndTheConsentsComeFirst()
    {
        await StartAsync();
        await _host.ApproveAllOpenAsync(_caseId);
        Assert.Equal("consents", (await _host.StatusAsync(_instanceId)).Step);
        await Service.RecordConsentAsync(_caseId, "parent:c1", true, _host.Actor("consular.central"));
        await Service.RecordConsentAsync(_caseId, "dna:m1", true, _host.Actor("consular.central"));
        await _host.Host.RunUntilIdleAsync();
        await _host.DecideAllAsync(_caseId, "natsec.central");

        var manifest = Assert.Single(await _host.OpenTasksAsync(_caseId, "manifestApproval"));
        var withoutReference = await _host.DecideAsync(manifest.TaskId, "manifest.central", DecisionKind.Approve);
        Assert.Contains(withoutReference.Errors!, e => e.Field == "attributes.manifestReference");
    }

    [Fact]
    public async Task Arrival_ChildProtectionHandOverWithin24Hours_EscalatesToTheCentreDirector()
    {
        await ArriveAsync();
        Assert.Equal(2, (await _host.OpenTasksAsync(_caseId, "childProtectionHandover")).Count);
        Assert.Contains(_host.Notifier.Sent, n => n.Code == "WarrantHandover" && n.RecipientId == "prosecutor.west");

        await _host.Host.AdvanceAsync(TimeSpan.FromHours(24));

        Assert.Contains(_host.Notifier.Sent, n => n.Kind == Workflows.Notifications.NotificationKind.Escalation && n.Step == "childProtectionHandover" && n.RecipientId == "centredirector.aktau");
    }

    [Fact]
    public async Task ChildPlacement_WaitsForTheFamilyAgreement_AndAlertsAfterThreeMonths()
    {
        await ArriveAsync();
        await _host.ApproveAllOpenAsync(_caseId);
        Assert.Empty(await _host.OpenTasksAsync(_caseId, "childPlacement"));

        await Service.RecordFamilyAgreementAsync(_caseId, "c1", false, _host.Actor("socialworker.aktau"));
        await _host.Host.RunUntilIdleAsync();
        Assert.Empty(await _host.OpenTasksAsync(_caseId, "childPlacement"));
        await Service.RecordFamilyAgreementAsync(_caseId, "c1", true, _host.Actor("socialworker.aktau"));
        await _host.Host.RunUntilIdleAsync();
        Assert.Equal("childprotection.west", Assert.Single(await _host.OpenTasksAsync(_caseId, "childPlacement")).AssigneeId);

        await _host.Host.AdvanceAsync(TimeSpan.FromDays(92));
        Assert.Contains(_host.Notifier.Sent, n => n.Code == "ChildWaitingOverThreeMonths" && n.InstanceId == Step("c2"));
        Assert.Contains(_host.Notifier.Sent, n => n.Code == "DocumentsNotRestored");
    }

    [Fact]
    public async Task HappyPath_ExitsAllOf_ThenReviewsUntilClosed()
    {
        await ArriveAsync();
        await _host.ApproveAllOpenAsync(_caseId);
        await Service.RecordDocumentsRestoredAsync(_caseId, _host.Actor("centredirector.aktau"));
        foreach (var child in new[] { "c1", "c2" })
        {
            await Service.RecordFamilyAgreementAsync(_caseId, child, true, _host.Actor("socialworker.aktau"));
        }

        await _host.Host.RunUntilIdleAsync();
        await _host.ApproveAllOpenAsync(_caseId);
        Assert.Equal("adaptationCentre", (await _host.StatusAsync(_instanceId)).Step);

        await _host.Host.AdvanceAsync(TimeSpan.FromDays(31));
        var exit = (await _host.OpenTasksAsync(_caseId, "centreExit")).Select(t => t.AssigneeId).ToHashSet();
        Assert.Equal(new HashSet<string?> { "centredirector.aktau", "medical.aktau", "childprotection.west", "security.aktau" }, exit);
        await _host.ApproveAllOpenAsync(_caseId);
        Assert.Equal("reintegrationReview", (await _host.StatusAsync(_instanceId)).Step);

        await _host.Host.AdvanceAsync(TimeSpan.FromDays(31));
        Assert.Single(await _host.OpenTasksAsync(_caseId, "reintegrationReview"));
        await _host.Host.AdvanceAsync(TimeSpan.FromDays(14));
        Assert.Contains(_host.Notifier.Sent, n => n.Step == "reintegrationReview" && n.RecipientId == "regionalcoord.west");
        await _host.ApproveAllOpenAsync(_caseId);
        await Service.CloseAsync(_caseId, _host.Actor("regionalcoord.west"));
        await _host.Host.RunUntilIdleAsync();
        Assert.Equal("Closed", (await _host.Host.GetOutputAsync<WorkflowResult>(_instanceId))!.Outcome);
    }

    [Fact]
    public async Task ImprisonedAdult_ContinuesInReferralAndPreRelease()
    {
        await ArriveAsync();
        await _host.ApproveAllOpenAsync(_caseId, filter: t => t.Step != "legalTrack");
        var legal = Assert.Single(await _host.OpenTasksAsync(_caseId, "legalTrack"));
        await _host.DecideAsync(legal.TaskId, "prosecutor.west", DecisionKind.Approve, attributes: new Dictionary<string, string> { ["legalTrack"] = "Imprisoned", ["prisonId"] = "kostanay", ["releaseDate"] = "2029-06-01" });

        var names = (await _host.Host.Client.QueryInstancesAsync(new Engine.InstanceQuery { InstanceIdPrefix = "referral-" })).Instances.Select(i => i.Name)
            .Concat((await _host.Host.Client.QueryInstancesAsync(new Engine.InstanceQuery { InstanceIdPrefix = "preRelease-" })).Instances.Select(i => i.Name)).ToList();
        Assert.Contains(Workflows.Referrals.ReferralOrchestration.Name, names);
        Assert.Contains(Workflows.PreRelease.PreReleaseOrchestration.Name, names);
    }
}
