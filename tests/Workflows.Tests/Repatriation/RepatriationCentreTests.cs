using Workflows.Approvals;
using Workflows.Audit;
using Workflows.Cases;
using Workflows.Repatriation;
using Workflows.Tests.Support;

namespace Workflows.Tests.Repatriation;

/// <summary>In the country: arrival, families kept together, legal tracks and follow-on workflows, placements, exit, reviews.</summary>
public sealed class RepatriationCentreTests : IAsyncLifetime
{
    private static readonly Dictionary<string, string> NoProsecution = new() { ["legalTrack"] = "NoProsecution" };

    private readonly DomainHost _host;
    private readonly RepatriationDriver _household;

    public RepatriationCentreTests()
    {
        _host = DomainHost.Create();
        _household = new RepatriationDriver(_host);
    }

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public ValueTask DisposeAsync() => _host.DisposeAsync();

    private Task<int> ApproveAsync(string step) => _host.ApproveAllOpenAsync(_household.CaseId, filter: t => t.Step == step);

    private async Task ImprisonAsync(Dictionary<string, string> attributes)
    {
        await ApproveAsync("medicalScreening");
        await ApproveAsync("childProtectionHandover");
        var legal = Assert.Single(await _host.OpenTasksAsync(_household.CaseId, "legalTrack"));
        Assert.Equal(DecisionStatus.Recorded, (await _host.DecideAsync(legal.TaskId, "prosecutor.west", DecisionKind.Approve, attributes: attributes)).Status);
    }

    private async Task<IReadOnlyList<Engine.OrchestrationState>> InstancesAsync(string name) =>
        (await _host.Host.Client.QueryInstancesAsync(new Engine.InstanceQuery { Name = name })).Instances;

    [Fact]
    public async Task Arrival_AnAdultWithAWarrant_IsHandedToTheProsecutor_AndTheFamilyIsRecordedTogether()
    {
        await _household.ArriveAsync();

        Assert.Contains(_host.Notifier.Sent, n => n.Code == "WarrantHandover" && n.RecipientId == "prosecutor.west");
        Assert.Equal(2, (await _host.OpenTasksAsync(_household.CaseId, "childProtectionHandover")).Count);
        var family = (await _household.SectionAsync("family"))!.Value.GetProperty("together");
        Assert.Equal(("c1", "m1"), (family[0].GetProperty("childRef").GetString(), family[0].GetProperty("parentRef").GetString()));
        Assert.Equal(DataTier.ChildProtection, await _household.TierAsync("family"));
    }

    [Fact]
    public async Task Arrival_NoAdultWithAWarrant_NobodyIsHandedToInvestigators()
    {
        await _household.ArriveAsync(RepatriationDriver.Household(new HouseholdMember { MemberRef = "m2", Adult = true }, new HouseholdMember { MemberRef = "c3", ParentRef = "m2" }));

        Assert.Single(await _host.OpenTasksAsync(_household.CaseId, "medicalScreening"));
        Assert.DoesNotContain(_host.Notifier.Sent, n => n.Code == "WarrantHandover");
    }

    [Fact]
    public async Task ArrivalTriage_TheStatusShowsEveryTriageStepStillOpen_AndDropsThoseDone()
    {
        await _household.ArriveAsync();
        var medical = Assert.Single(await _host.OpenTasksAsync(_household.CaseId, "medicalScreening"));
        var handovers = await _host.OpenTasksAsync(_household.CaseId, "childProtectionHandover");

        var all = await _host.StatusAsync(_household.InstanceId);
        Assert.Equal(["childProtectionHandover", "medicalScreening"], all.Steps.Order(StringComparer.Ordinal));
        Assert.Contains(all.Step, all.Steps);
        Assert.Equal(handovers.Select(t => t.TaskId).Append(medical.TaskId).Order(), all.WaitingOnTaskIds.Order());
        Assert.Equal(handovers.Append(medical).Min(t => t.Due), all.NextDeadline);

        await ApproveAsync("medicalScreening");
        var left = await _host.StatusAsync(_household.InstanceId);
        Assert.Equal("childProtectionHandover", left.Step);
        Assert.Equal(handovers.Select(t => t.TaskId).Order(), left.WaitingOnTaskIds.Order());
    }

    [Fact]
    public async Task AdaptationCentre_TheStatusShowsLegalTrackPlacementsAndDocuments_AndDropsTheLegalTrackOnceDecided()
    {
        await _household.ArriveAsync();
        await ApproveAsync("medicalScreening");
        await ApproveAsync("childProtectionHandover");
        var legal = Assert.Single(await _host.OpenTasksAsync(_household.CaseId, "legalTrack"));

        var all = await _host.StatusAsync(_household.InstanceId);
        Assert.Equal("legalTrack", all.Step);
        Assert.Equal(["childPlacement", "documentsRestored", "legalTrack"], all.Steps.Order(StringComparer.Ordinal));
        Assert.Contains(legal.TaskId, all.WaitingOnTaskIds);
        Assert.Equal(legal.Due, all.NextDeadline);
        Assert.Contains(Roles.Prosecutor, all.WaitingOnRoles);
        Assert.Contains(Roles.ChildProtection, all.WaitingOnRoles);

        await _host.DecideAsync(legal.TaskId, "prosecutor.west", DecisionKind.Approve, attributes: NoProsecution);
        var left = await _host.StatusAsync(_household.InstanceId);
        Assert.Equal(["childPlacement", "documentsRestored"], left.Steps.Order(StringComparer.Ordinal));
        Assert.Equal("documentsRestored", left.Step);
        Assert.DoesNotContain(legal.TaskId, left.WaitingOnTaskIds);
        Assert.DoesNotContain(Roles.Prosecutor, left.WaitingOnRoles);
    }

    [Fact]
    public async Task FamiliesKeptTogether_AChildWithTheirParent_StaysWithThem_WithoutAFamilyAgreement()
    {
        await _household.ArriveAsync();
        await _host.ApproveAllOpenAsync(_household.CaseId);

        var placement = (await _household.SectionAsync("placement-c1"))!.Value;
        Assert.Equal("m1", placement.GetProperty("withParent").GetString());
        Assert.Equal("WithParent", await _host.Host.GetOutputAsync<string>(_household.ChildInstance("c1")));
        Assert.Equal("familyAgreement", (await _host.StatusAsync(_household.ChildInstance("c2"))).Step);
    }

    [Fact]
    public async Task ImprisonedParent_TheirChildNeedsAFamilyPlacement()
    {
        await _household.ArriveAsync();
        await ImprisonAsync(new() { ["legalTrack"] = "Imprisoned", ["prisonId"] = "kostanay", ["releaseDate"] = "2029-06-01", ["riskLevel"] = "High" });
        await ApproveAsync("bestInterests");

        Assert.Empty(await _host.OpenTasksAsync(_household.CaseId, "childPlacement"));
        Assert.Equal("familyAgreement", (await _host.StatusAsync(_household.ChildInstance("c1"))).Step);
        await _household.AgreeFamilyAsync("c1");
        await ApproveAsync("childPlacement");
        Assert.Equal("Placed", await _host.Host.GetOutputAsync<string>(_household.ChildInstance("c1")));
    }

    [Fact]
    public async Task ChildPlacement_WaitsForTheReceivingFamilysAgreement()
    {
        await _household.ArriveAsync();
        await _host.ApproveAllOpenAsync(_household.CaseId);
        Assert.Empty(await _host.OpenTasksAsync(_household.CaseId, "childPlacement"));

        await _household.AgreeFamilyAsync("c2", agreed: false);
        Assert.Empty(await _host.OpenTasksAsync(_household.CaseId, "childPlacement"));
        await _household.AgreeFamilyAsync("c2");

        Assert.Equal("childprotection.west", Assert.Single(await _host.OpenTasksAsync(_household.CaseId, "childPlacement")).AssigneeId);
    }

    [Fact]
    public async Task ImprisonedAdult_ContinuesInReferralAndPreRelease_WithTheCasesRealData()
    {
        await _household.ArriveAsync();
        await ImprisonAsync(new() { ["legalTrack"] = "Imprisoned", ["prisonId"] = "kostanay", ["releaseDate"] = "2029-06-01", ["riskLevel"] = "High" });

        var followOn = (await _household.SectionAsync("followOn-m1"))!.Value;
        Assert.Equal(0, followOn.GetProperty("missing").GetArrayLength());
        var referralCase = followOn.GetProperty("referralCaseId").GetString()!;
        var identity = (await _host.Cases.ReadSectionsAsync(referralCase)).Single(s => s.Name == "identity").Data;
        Assert.Equal("1995-04-02", identity.GetProperty("DateOfBirth").GetString());
        Assert.Equal("female", identity.GetProperty("Sex").GetString());
        var planCase = followOn.GetProperty("preReleaseCaseId").GetString()!;
        var release = (await _host.Cases.ReadSectionsAsync(planCase)).Single(s => s.Name == "release").Data;
        Assert.Equal("High", release.GetProperty("RiskLevel").GetString());
        Assert.Single(await InstancesAsync(Workflows.Referrals.ReferralOrchestration.Name));
        Assert.Single(await InstancesAsync(Workflows.PreRelease.PreReleaseOrchestration.Name));
    }

    [Fact]
    public async Task ImprisonedAdult_WithoutADateOfBirthOrRiskLevel_StartsNothingOnInventedData_AndSaysWhatIsMissing()
    {
        await _household.ArriveAsync(RepatriationDriver.Household(new HouseholdMember { MemberRef = "m2", Adult = true }));
        await ImprisonAsync(new() { ["legalTrack"] = "Imprisoned", ["prisonId"] = "almaty", ["releaseDate"] = "2029-06-01" });

        var followOn = (await _household.SectionAsync("followOn-m2"))!.Value;
        Assert.Equal(["dateOfBirth", "riskLevel"], followOn.GetProperty("missing").EnumerateArray().Select(e => e.GetString()));
        Assert.Empty(await InstancesAsync(Workflows.Referrals.ReferralOrchestration.Name));
        Assert.Empty(await InstancesAsync(Workflows.PreRelease.PreReleaseOrchestration.Name));
        Assert.Contains(_host.Notifier.Sent, n => n.Code == "FollowOnDataMissing" && n.RecipientId == "prosecutor.west");
    }

    [Fact]
    public async Task HappyPath_ExitsAllOf_ThenReviewsUntilClosed()
    {
        await _household.ArriveAsync();
        await _host.ApproveAllOpenAsync(_household.CaseId);
        await _household.Service.RecordDocumentsRestoredAsync(_household.CaseId, _host.Actor("centredirector.aktau"));
        await _household.AgreeFamilyAsync("c2");
        await _host.ApproveAllOpenAsync(_household.CaseId);
        Assert.Equal("adaptationCentre", (await _host.StatusAsync(_household.InstanceId)).Step);

        await _host.Host.AdvanceAsync(TimeSpan.FromDays(31));
        var exit = (await _host.OpenTasksAsync(_household.CaseId, "centreExit")).Select(t => t.AssigneeId).ToHashSet();
        Assert.Equal(new HashSet<string?> { "centredirector.aktau", "medical.aktau", "childprotection.west", "security.aktau" }, exit);
        await _host.ApproveAllOpenAsync(_household.CaseId);
        Assert.Equal("reintegrationReview", (await _host.StatusAsync(_household.InstanceId)).Step);

        await _host.Host.AdvanceAsync(TimeSpan.FromDays(31));
        await _host.ApproveAllOpenAsync(_household.CaseId);
        await _household.Service.CloseAsync(_household.CaseId, _host.Actor("regionalcoord.west"));
        await _host.Host.RunUntilIdleAsync();
        Assert.Equal("Closed", await _household.OutcomeAsync());
    }

    [Fact]
    public async Task WithdrawalAfterArrival_DoesNotEndTheCase_TheStepIsOpenedAgain()
    {
        await _household.ArriveAsync();

        Assert.Equal(DecisionStatus.Recorded, (await _host.Decisions.WithdrawAsync(_household.CaseId, _host.Actor(RepatriationDriver.Consular), "Opened in error.")).Status);
        await _host.Host.RunUntilIdleAsync();

        await _host.AssertRunningAsync(_household.InstanceId);
        Assert.Single(await _host.OpenTasksAsync(_household.CaseId, "medicalScreening"));
        Assert.Equal(2, (await _host.OpenTasksAsync(_household.CaseId, "childProtectionHandover")).Count);
        Assert.Contains(await _host.Audit.ReadAsync(_household.CaseId), e => e.Reason == "WithdrawalNotApplicableAfterArrival medicalScreening");
    }

    [Fact]
    public async Task Delegation_TheProsecutorDelegatesTheLegalTrack_AndTheDelegateDecidesOnTheirBehalf()
    {
        await _household.ArriveAsync();
        await ApproveAsync("medicalScreening");
        await ApproveAsync("childProtectionHandover");
        var legal = Assert.Single(await _host.OpenTasksAsync(_household.CaseId, "legalTrack"));

        Assert.Equal(DecisionStatus.Recorded, (await _host.Decisions.DelegateAsync(legal.TaskId, _host.Actor("prosecutor.west"), "prosecutor.south", "Conflict of interest.")).Status);
        await _host.Host.RunUntilIdleAsync();
        Assert.Equal(DecisionStatus.Recorded, (await _host.DecideAsync(legal.TaskId, "prosecutor.south", DecisionKind.Approve, attributes: NoProsecution)).Status);

        Assert.Equal("NoProsecution", (await _household.SectionAsync("legalTrack-m1"))!.Value.GetProperty("track").GetString());
        Assert.Contains(await _host.Audit.ReadAsync(_household.CaseId), e => e is { Action: AuditActions.DecisionRecorded, ActorId: "prosecutor.south", OnBehalfOf: "prosecutor.west" });
    }
}
