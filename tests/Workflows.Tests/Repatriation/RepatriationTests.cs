using Workflows.Approvals;
using Workflows.Cases;
using Workflows.Notifications;
using Workflows.Repatriation;
using Workflows.Tests.Support;

namespace Workflows.Tests.Repatriation;

/// <summary>Before the return: intake, verification, statelessness and birth registration, consents, pre-screen, manifest.</summary>
public sealed class RepatriationTests : IAsyncLifetime
{
    private readonly DomainHost _host;
    private readonly RepatriationDriver _household;

    public RepatriationTests()
    {
        _host = RepatriationDriver.HostWithReasonCodes();
        _household = new RepatriationDriver(_host);
    }

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public ValueTask DisposeAsync() => _host.DisposeAsync();

    private async Task<HashSet<string>> ManifestMembersAsync() =>
        (await _household.SectionAsync("manifest"))!.Value.GetProperty("members").EnumerateArray().Select(e => e.GetString()!).ToHashSet();

    private async Task VerifyAsync() => await _host.ApproveAllOpenAsync(_household.CaseId, filter: t => t.Step == "identityVerification");

    [Fact]
    public async Task Intake_ValidatesMembers()
    {
        var result = await _household.Service.StartHouseholdAsync(
            new HouseholdRequest
            {
                CentreId = "almaty",
                Members =
                [
                    new HouseholdMember { MemberRef = "a", Adult = true, NeedsParentConsent = true, DateOfBirth = new DateOnly(2015, 1, 1) },
                    new HouseholdMember { MemberRef = "a" },
                    new HouseholdMember { MemberRef = "c", ParentRef = "nobody", Sex = "x" },
                    new HouseholdMember { MemberRef = "d", ParentRef = "a", DateOfBirth = new DateOnly(2030, 1, 1) },
                ],
            },
            _host.Actor(RepatriationDriver.Consular));

        var errors = result.Errors!.Select(e => (e.Field, e.Code)).ToHashSet();
        Assert.Contains(("centreId", ErrorCodes.UnknownValue), errors);
        Assert.Contains(("members[0].needsParentConsent", ErrorCodes.NotAllowed), errors);
        Assert.Contains(("members[0].dateOfBirth", ErrorCodes.OutOfRange), errors);
        Assert.Contains(("members[1].memberRef", ErrorCodes.Duplicate), errors);
        Assert.Contains(("members[2].parentRef", ErrorCodes.UnknownValue), errors);
        Assert.Contains(("members[2].sex", ErrorCodes.UnknownValue), errors);
        Assert.Contains(("members[3].dateOfBirth", ErrorCodes.OutOfRange), errors);
    }

    [Fact]
    public async Task Intake_KeepsDatesOfBirthInTheIdentityTier_NotInTheWorkflowInput()
    {
        await _household.StartAsync();

        var state = await _host.Host.Client.GetInstanceAsync(_household.InstanceId, true);
        Assert.DoesNotContain("1995", state!.Input, StringComparison.Ordinal);
        Assert.Equal(DataTier.Identity, await _household.TierAsync(HouseholdIdentity.SectionName));
        Assert.Contains("1995-04-02", (await _household.SectionAsync(HouseholdIdentity.SectionName))!.Value.GetRawText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Intake_KeepsWarrantsInTheLegalTier_NotInTheWorkflowInput()
    {
        await _household.StartAsync();

        var state = await _host.Host.Client.GetInstanceAsync(_household.InstanceId, true);
        Assert.DoesNotContain("hasWarrant", state!.Input, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(DataTier.Legal, await _household.TierAsync(HouseholdWarrants.SectionName));
        Assert.Equal(["m1"], (await _household.SectionAsync(HouseholdWarrants.SectionName))!.Value.GetProperty("membersWithWarrant").EnumerateArray().Select(e => e.GetString()));
    }

    [Fact]
    public async Task Verification_IsAllOf_ConsularRegistryAndNationalSecurity()
    {
        await _household.StartAsync();

        var roles = (await _host.OpenTasksAsync(_household.CaseId, "identityVerification")).Select(t => t.AssigneeId).ToHashSet();

        Assert.Equal(new HashSet<string?> { "consular.central", "civilregistry.central", "natsec.central" }, roles);
        await _host.DecideAllAsync(_household.CaseId, "civilregistry.central", DecisionKind.Reject, "identityVerification");
        Assert.Equal("NotVerified", await _household.OutcomeAsync());
    }

    [Fact]
    public async Task BornAbroad_FlagsTheStatelessnessRisk_AndOpensTheBirthRegistration()
    {
        await _household.StartAsync();
        Assert.Empty(await _host.OpenTasksAsync(_household.CaseId, "birthRegistration"));
        var registry = Assert.Single(await _host.OpenTasksAsync(_household.CaseId, "identityVerification"), t => t.AssigneeId == "civilregistry.central");
        await _host.DecideAsync(registry.TaskId, "civilregistry.central", DecisionKind.Approve, attributes: new Dictionary<string, string> { ["statelessnessRisk"] = "m1, unknown" });
        await VerifyAsync();

        var nationality = (await _household.SectionAsync("nationality"))!.Value;
        Assert.Equal(DataTier.Identity, await _household.TierAsync("nationality"));
        Assert.Equal(["m1", "c1"], nationality.GetProperty("statelessnessRisk").EnumerateArray().Select(e => e.GetString()));
        Assert.Contains(_host.Notifier.Sent, n => n.Code == "StatelessnessRiskFlagged" && n.RecipientId == "civilregistry.central");
        var registration = Assert.Single(await _host.OpenTasksAsync(_household.CaseId, "birthRegistration"));
        Assert.Equal("civilregistry.central", registration.AssigneeId);
        Assert.Contains("birthRegistrationRef", registration.RequiredAttributes);
    }

    [Fact]
    public async Task BirthRegistration_Refused_KeepsTheRiskFlagged_AndAlertsChildProtection()
    {
        await _household.StartAsync(RepatriationDriver.Household(new HouseholdMember { MemberRef = "c9", BornAbroad = true }));
        await VerifyAsync();
        await _host.DecideAllAsync(_household.CaseId, "civilregistry.central", DecisionKind.Reject, "birthRegistration");
        await _host.ApproveAllOpenAsync(_household.CaseId);
        await _household.Service.RecordArrivalAsync(_household.CaseId, _host.Actor("centredirector.aktau"));
        await _host.Host.RunUntilIdleAsync();
        await _host.ApproveAllOpenAsync(_household.CaseId);
        await _household.AgreeFamilyAsync("c9");
        await _host.ApproveAllOpenAsync(_household.CaseId);

        var registration = (await _household.SectionAsync("birthRegistration-c9"))!.Value;
        Assert.True(registration.GetProperty("statelessnessRisk").GetBoolean());
        Assert.Contains(_host.Notifier.Sent, n => n.Code == "BirthNotRegistered" && n.RecipientId == "childprotection.west");
    }

    [Fact]
    public async Task BirthRegistration_Approved_RecordsTheReference_AndClearsTheRisk()
    {
        await _household.StartAsync(RepatriationDriver.Household(new HouseholdMember { MemberRef = "c9", BornAbroad = true }));
        await VerifyAsync();
        var registration = Assert.Single(await _host.OpenTasksAsync(_household.CaseId, "birthRegistration"));
        await _host.DecideAsync(registration.TaskId, "civilregistry.central", DecisionKind.Approve, attributes: new Dictionary<string, string> { ["birthRegistrationRef"] = "BR-2026-0042" });
        await _host.ApproveAllOpenAsync(_household.CaseId);
        await _household.Service.RecordArrivalAsync(_household.CaseId, _host.Actor("centredirector.aktau"));
        await _host.Host.RunUntilIdleAsync();
        await _host.ApproveAllOpenAsync(_household.CaseId);
        await _household.AgreeFamilyAsync("c9");
        await _host.ApproveAllOpenAsync(_household.CaseId);

        var registered = (await _household.SectionAsync("birthRegistration-c9"))!.Value;
        Assert.Equal("BR-2026-0042", registered.GetProperty("registrationRef").GetString());
        Assert.False(registered.GetProperty("statelessnessRisk").GetBoolean());
    }

    [Fact]
    public async Task ParentConsentRefused_TheChildStaysProvisional_AndTheOthersReturn()
    {
        await _household.StartAsync();
        await VerifyAsync();
        await _household.ConsentAsync("parent:c1", given: false);
        await _household.ConsentAsync("dna:m1");
        await _host.DecideAllAsync(_household.CaseId, "natsec.central", step: "securityPrescreen");
        await _host.ApproveAllOpenAsync(_household.CaseId, filter: t => t.Step == "manifestApproval");

        Assert.Equal(new HashSet<string> { "m1", "c2" }, await ManifestMembersAsync());
        var provisional = (await _household.SectionAsync("provisional-c1"))!.Value;
        Assert.Equal("ParentConsentRefused", provisional.GetProperty("reason").GetString());
        Assert.Equal(DataTier.ChildProtection, await _household.TierAsync("provisional-c1"));
        Assert.Equal("arrival", (await _host.StatusAsync(_household.InstanceId)).Step);
    }

    [Fact]
    public async Task AnUnexpectedConsent_IsRecorded_AndTheAwaitedOnesStillCount()
    {
        await _household.StartAsync();
        await VerifyAsync();

        await _household.ConsentAsync("parent:c2");
        Assert.Equal("consents", (await _host.StatusAsync(_household.InstanceId)).Step);
        Assert.Contains(await _host.Audit.ReadAsync(_household.CaseId), e => e.Reason == "ConsentNotAwaited parent:c2");
        Assert.Contains((await _household.Service.RecordConsentAsync(_household.CaseId, "father:c1", true, _host.Actor(RepatriationDriver.Consular))).Errors!, e => e.Field == "consentId");
    }

    [Fact]
    public async Task DnaConsentRefused_NoDnaIsUsed_AndTheMemberStillReturns()
    {
        await _household.StartAsync();
        await VerifyAsync();
        await _household.ConsentAsync("parent:c1");
        await _household.ConsentAsync("dna:m1", given: false);
        await _host.ApproveAllOpenAsync(_household.CaseId);

        var dna = (await _household.SectionAsync("dna-m1"))!.Value;
        Assert.Equal("refused", dna.GetProperty("consent").GetString());
        Assert.Equal(DataTier.Biometric, await _household.TierAsync("dna-m1"));
        Assert.Contains(_host.Notifier.Sent, n => n.Code == "DnaNotAuthorised" && n.RecipientId == "civilregistry.central");
        Assert.Contains("m1", await ManifestMembersAsync());
    }

    [Fact]
    public async Task SecurityPrescreen_TheStatusWaitsOnEveryAdultsReview_AndDropsEachOnceDecided()
    {
        var household = RepatriationDriver.Household(new HouseholdMember { MemberRef = "m1", Adult = true }, new HouseholdMember { MemberRef = "m2", Adult = true });
        await _household.StartAsync(household);
        await VerifyAsync();
        var reviews = await _host.OpenTasksAsync(_household.CaseId, "securityPrescreen");
        Assert.Equal(2, reviews.Count);

        var both = await _host.StatusAsync(_household.InstanceId);
        Assert.Equal("securityPrescreen", both.Step);
        Assert.Equal(reviews.Select(t => t.TaskId).Order(), both.WaitingOnTaskIds.Order());
        Assert.Equal(reviews.Min(t => t.Due), both.NextDeadline);

        Assert.Equal(DecisionStatus.Recorded, (await _host.DecideAsync(reviews[0].TaskId, "natsec.central", DecisionKind.Approve)).Status);
        var left = await _host.StatusAsync(_household.InstanceId);
        Assert.Equal("securityPrescreen", left.Step);
        Assert.Equal([reviews[1].TaskId], left.WaitingOnTaskIds);
    }

    [Fact]
    public async Task SecurityVeto_TheAdultIsNotOnTheManifest_AndTheirChildStaysWithThem()
    {
        await _household.StartAsync();
        await VerifyAsync();
        await _household.ConsentAsync("parent:c1");
        await _household.ConsentAsync("dna:m1");
        var prescreen = Assert.Single(await _host.OpenTasksAsync(_household.CaseId, "securityPrescreen"));
        Assert.Equal(DecisionStatus.Recorded, (await _host.DecideAsync(prescreen.TaskId, "natsec.central", DecisionKind.Veto, "Active investigation abroad.", ["security-concern"])).Status);

        var bestInterests = await _host.OpenTasksAsync(_household.CaseId, "bestInterests");
        Assert.Equal(2, bestInterests.Count);
        await _host.ApproveAllOpenAsync(_household.CaseId, filter: t => t.Step == "bestInterests");
        await _host.ApproveAllOpenAsync(_household.CaseId, filter: t => t.Step == "manifestApproval");

        Assert.Equal(["c2"], await ManifestMembersAsync());
        Assert.Equal(DataTier.Intelligence, await _household.TierAsync("prescreen-m1"));
        Assert.Equal("KeptWithParent", (await _household.SectionAsync("provisional-c1"))!.Value.GetProperty("reason").GetString());
        Assert.DoesNotContain(await _host.Audit.ReadAsync(_household.CaseId), e => e.Reason?.Contains("NotCleared", StringComparison.Ordinal) == true);
    }

    [Fact]
    public async Task SecurityVeto_ABestInterestsDecisionRecommendsSeparation_TheChildReturnsWithoutTheParent()
    {
        await _household.StartAsync();
        await VerifyAsync();
        await _household.ConsentAsync("parent:c1");
        await _household.ConsentAsync("dna:m1");
        var prescreen = Assert.Single(await _host.OpenTasksAsync(_household.CaseId, "securityPrescreen"));
        await _host.DecideAsync(prescreen.TaskId, "natsec.central", DecisionKind.Veto, "Active investigation abroad.", ["security-concern"]);
        var separation = new Dictionary<string, string> { ["childViewsRecorded"] = "yes", ["separation"] = "recommended" };
        await _host.DecideOpenAsync(_household.CaseId, "socialworker.aktau", DecisionKind.Approve, attributes: separation);
        await _host.DecideOpenAsync(_household.CaseId, "psychologist.aktau", DecisionKind.Approve, attributes: separation);
        await _host.ApproveAllOpenAsync(_household.CaseId, filter: t => t.Step == "manifestApproval");

        Assert.Equal(new HashSet<string> { "c1", "c2" }, await ManifestMembersAsync());
        Assert.True((await _household.SectionAsync("bestInterests-c1"))!.Value.GetProperty("separation").GetBoolean());
    }

    [Fact]
    public async Task ManifestRejected_EndsNotOnManifest_AndWithdrawsTheOpenBirthRegistration()
    {
        await _household.StartAsync();
        await VerifyAsync();
        await _household.ConsentAsync("parent:c1");
        await _household.ConsentAsync("dna:m1");
        await _host.DecideAllAsync(_household.CaseId, "natsec.central", step: "securityPrescreen");
        Assert.Single(await _host.OpenTasksAsync(_household.CaseId, "birthRegistration"));

        var manifest = Assert.Single(await _host.OpenTasksAsync(_household.CaseId, "manifestApproval"));
        await _host.DecideAsync(manifest.TaskId, "manifest.central", DecisionKind.Reject, "Flight capacity exhausted for this rotation.");

        Assert.Equal("NotOnManifest", await _household.OutcomeAsync());
        Assert.Empty(await _host.OpenTasksOfCaseAsync(_household.CaseId));
        Assert.Contains(_host.Notifier.Sent, n => n.Kind == NotificationKind.Outcome && n.Code == "NotOnManifest" && n.RecipientId == RepatriationDriver.Consular);
    }

    [Fact]
    public async Task Manifest_NeedsAReferenceNumber_AndTheConsentsComeFirst()
    {
        await _household.StartAsync();
        await VerifyAsync();
        Assert.Equal("consents", (await _host.StatusAsync(_household.InstanceId)).Step);
        await _household.ConsentAsync("parent:c1");
        await _household.ConsentAsync("dna:m1");
        await _host.DecideAllAsync(_household.CaseId, "natsec.central", step: "securityPrescreen");

        var manifest = Assert.Single(await _host.OpenTasksAsync(_household.CaseId, "manifestApproval"));
        var withoutReference = await _host.DecideAsync(manifest.TaskId, "manifest.central", DecisionKind.Approve);
        Assert.Contains(withoutReference.Errors!, e => e.Field == "attributes.manifestReference");
    }

    [Fact]
    public async Task NobodyCanReturn_EndsNotRepatriated_WithoutAManifestStep()
    {
        await _household.StartAsync(RepatriationDriver.Household(new HouseholdMember { MemberRef = "c5", NeedsParentConsent = true }));
        await VerifyAsync();

        await _household.ConsentAsync("parent:c5", given: false);

        Assert.Equal("NotRepatriated", await _household.OutcomeAsync());
        Assert.DoesNotContain(await _host.Tasks.ListByCaseAsync(_household.CaseId), t => t.Step == "manifestApproval");
    }

    [Fact]
    public async Task Withdrawal_WhileOnlyABirthRegistrationIsOpen_EndsTheCase()
    {
        await _household.StartAsync();
        await VerifyAsync();
        Assert.Equal("consents", (await _host.StatusAsync(_household.InstanceId)).Step);

        Assert.Equal(DecisionStatus.Recorded, (await _host.Decisions.WithdrawAsync(_household.CaseId, _host.Actor(RepatriationDriver.Consular), "Relatives withdrew the request.")).Status);
        await _host.Host.RunUntilIdleAsync();

        Assert.Equal("Withdrawn", await _household.OutcomeAsync());
    }

    [Fact]
    public async Task Withdrawal_BeforeTheReturn_EndsTheCase()
    {
        await _household.StartAsync();
        await _host.DecideAllAsync(_household.CaseId, "consular.central", step: "identityVerification");

        Assert.Equal(DecisionStatus.NotEntitled, (await _host.Decisions.WithdrawAsync(_household.CaseId, _host.Actor("centredirector.aktau"))).Status);
        Assert.Equal(DecisionStatus.Recorded, (await _host.Decisions.WithdrawAsync(_household.CaseId, _host.Actor(RepatriationDriver.Consular), "Relatives withdrew the request.")).Status);
        await _host.Host.RunUntilIdleAsync();

        Assert.Equal("Withdrawn", await _household.OutcomeAsync());
        Assert.Empty(await _host.OpenTasksOfCaseAsync(_household.CaseId));
    }
}
