using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Workflows.Approvals;
using Workflows.Audit;
using Workflows.Notifications;
using Workflows.People;
using Workflows.Repatriation;
using Workflows.Tests.Referrals;
using Workflows.Tests.Support;

namespace Workflows.Tests.Repatriation;

/// <summary>
/// Safeguard 7 in repatriation: medical screening, the child-protection hand-over, the best-interests
/// assessment and the reintegration review go to women staff for women and girls. The seed is joined by
/// men in the roles it gives only to women (a medical officer, a social worker and a psychologist at
/// Aktau, a child-protection officer in the west), so a woman-only task and an open one differ. No
/// psychologist holds the role in the west or centrally, so where a test makes Aktau's woman psychologist
/// a man, no woman is left for it.
/// </summary>
public sealed class RepatriationWomenStaffTests : IAsyncLifetime
{
    private readonly DomainHost _host;
    private readonly RepatriationDriver _household;

    public RepatriationWomenStaffTests()
    {
        _host = HostWith();
        _household = new RepatriationDriver(_host);
    }

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public ValueTask DisposeAsync() => _host.DisposeAsync();

    private static DomainHost HostWith(params Person[] extra) => HostWithMen([], extra);

    /// <summary>As <see cref="HostWith"/>, with the seeded people named in <paramref name="menIds"/> made men.</summary>
    private static DomainHost HostWithMen(IReadOnlyCollection<string> menIds, params Person[] extra) =>
        DomainHost.Create(s => s.AddSingleton<IPersonDirectory>(StaffDirectory.SeedWithMen(
            menIds,
            [
                StaffDirectory.Man("medical2.aktau", Roles.MedicalOfficer, ScopeLevel.Facility, "aktau"),
                StaffDirectory.Man("socialworker2.aktau", Roles.SocialWorker, ScopeLevel.Facility, "aktau"),
                StaffDirectory.Man("psychologist2.aktau", Roles.Psychologist, ScopeLevel.Facility, "aktau"),
                StaffDirectory.Man("childprotection2.west", Roles.ChildProtection, ScopeLevel.Region, "west"),
                .. extra,
            ])));

    /// <summary>A mother, her daughter, and a boy travelling without a parent.</summary>
    private static HouseholdRequest MotherDaughterAndBoy() => RepatriationDriver.Household(
        new HouseholdMember { MemberRef = "m1", Adult = true, Sex = "female" },
        new HouseholdMember { MemberRef = "c1", ParentRef = "m1", Sex = "female" },
        new HouseholdMember { MemberRef = "c2", Sex = "male" });

    private static HouseholdRequest FatherAndSon() => RepatriationDriver.Household(
        new HouseholdMember { MemberRef = "m1", Adult = true, Sex = "male" },
        new HouseholdMember { MemberRef = "c1", ParentRef = "m1", Sex = "male" });

    /// <summary>The assignees of the open tasks of a per-member step for one member (the step's input names the member).</summary>
    private static async Task<HashSet<string?>> AssigneesForAsync(DomainHost host, RepatriationDriver household, string step, string memberRef)
    {
        var assignees = new HashSet<string?>();
        foreach (var approval in (await host.OpenTasksAsync(household.CaseId, step)).GroupBy(t => t.InstanceId))
        {
            using var input = JsonDocument.Parse((await host.Host.Client.GetInstanceAsync(approval.Key, true))!.Input!);
            if (input.RootElement.GetProperty("subjectRef").GetString() == memberRef)
            {
                assignees.UnionWith(approval.Select(t => t.AssigneeId));
            }
        }

        return assignees;
    }

    private async Task<HashSet<string?>> AssigneesAsync(string step) =>
        (await _host.OpenTasksAsync(_household.CaseId, step)).Select(t => t.AssigneeId).ToHashSet();

    /// <summary>Triage and legal tracks decided: the children's best-interests assessments are open.</summary>
    private async Task ToBestInterestsAsync(HouseholdRequest household)
    {
        await _household.ArriveAsync(household);
        await _host.ApproveAllOpenAsync(_household.CaseId, filter: t => t.Step is "medicalScreening" or "childProtectionHandover" or "legalTrack");
    }

    [Theory]
    [InlineData("medicalScreening", true)]
    [InlineData("childProtectionHandover", true)]
    [InlineData("bestInterests", true)]
    [InlineData("reintegrationReview", true)]
    [InlineData("identityVerification", false)]
    [InlineData("securityPrescreen", false)]
    [InlineData("manifestApproval", false)]
    [InlineData("legalTrack", false)]
    [InlineData("childPlacement", false)]
    [InlineData("centreExit", false)]
    public void LoadDefault_WomenStaffRule_HoldsForTheStepsWithDirectContact(string step, bool women)
    {
        var policy = _host.Policies.Resolve(WorkflowNames.Repatriation, "KZ", "aktau");

        Assert.Equal(women, policy.Step(step).WomenStaffForWomen);
    }

    [Fact]
    public async Task Intake_TheInputNamesTheWomenAndGirlsByReference_TheSexStaysInTheIdentityTier()
    {
        await _household.StartAsync(MotherDaughterAndBoy());

        var input = (await _host.Host.Client.GetInstanceAsync(_household.InstanceId, true))!.Input!;
        using var json = JsonDocument.Parse(input);
        Assert.Equal(["m1", "c1"], json.RootElement.GetProperty("womenAndGirls").EnumerateArray().Select(e => e.GetString()));
        Assert.DoesNotContain("male\"", input, StringComparison.Ordinal);
    }

    [Fact]
    public async Task HouseholdWithAWoman_MedicalScreeningGoesOnlyToTheCentresWomenMedicalOfficers()
    {
        await _household.ArriveAsync(MotherDaughterAndBoy());

        Assert.Equal(new HashSet<string?> { "medical.aktau" }, await AssigneesAsync("medicalScreening"));
    }

    [Fact]
    public async Task HouseholdOfAManAndABoy_MedicalScreeningGoesToEveryMedicalOfficerOfTheCentre()
    {
        await _household.ArriveAsync(FatherAndSon());

        Assert.Equal(new HashSet<string?> { "medical.aktau", "medical2.aktau" }, await AssigneesAsync("medicalScreening"));
    }

    [Fact]
    public async Task Girl_HandOverGoesOnlyToTheRegionsWomenChildProtectionOfficers()
    {
        await _household.ArriveAsync(MotherDaughterAndBoy());

        Assert.Equal(new HashSet<string?> { "childprotection.west" }, await AssigneesForAsync(_host, _household, "childProtectionHandover", "c1"));
    }

    [Fact]
    public async Task Boy_HandOverGoesToEveryChildProtectionOfficerOfTheRegion()
    {
        await _household.ArriveAsync(MotherDaughterAndBoy());

        Assert.Equal(new HashSet<string?> { "childprotection.west", "childprotection2.west" }, await AssigneesForAsync(_host, _household, "childProtectionHandover", "c2"));
    }

    [Fact]
    public async Task Boy_BestInterestsGoesToTheCentresSocialWorkersAndPsychologists()
    {
        await ToBestInterestsAsync(MotherDaughterAndBoy());

        Assert.Equal(new HashSet<string?> { "socialworker.aktau", "socialworker2.aktau", "psychologist.aktau", "psychologist2.aktau" }, await AssigneesForAsync(_host, _household, "bestInterests", "c2"));
    }

    [Fact]
    public async Task Girl_BestInterestsGoesOnlyToTheCentresWomanSocialWorkerAndWomanPsychologist()
    {
        await ToBestInterestsAsync(MotherDaughterAndBoy());

        Assert.Equal(new HashSet<string?> { "socialworker.aktau", "psychologist.aktau" }, await AssigneesForAsync(_host, _household, "bestInterests", "c1"));
    }

    [Fact]
    public async Task Girl_NoWomanPsychologistAnywhere_HerBestInterestsGoesToTheWomanSocialWorker_AndThePsychologistsPartWaitsUnassigned()
    {
        await using var host = HostWithMen(["psychologist.aktau"]);
        var household = new RepatriationDriver(host);
        await household.ArriveAsync(MotherDaughterAndBoy());
        await host.ApproveAllOpenAsync(household.CaseId, filter: t => t.Step is "medicalScreening" or "childProtectionHandover" or "legalTrack");

        var tasks = (await host.OpenTasksAsync(household.CaseId, "bestInterests")).Where(t => t.WomenStaffOnly).ToList();
        Assert.Equal(new HashSet<(string, string?)> { (Roles.SocialWorker, "socialworker.aktau"), (Roles.Psychologist, null) }, tasks.Select(t => (t.Role, t.AssigneeId)).ToHashSet());
        var unmet = tasks.Single(t => t.AssigneeId is null);
        Assert.Contains(host.Audit.All, e => e.CaseId == household.CaseId && e.Action == AuditActions.Escalated && e.Reason == "WomenStaffRuleUnmet" && e.Ids["taskId"] == unmet.TaskId);
        Assert.Contains(host.Notifier.Sent, n => n.Kind == NotificationKind.Alert && n.Code == "WomenStaffRuleUnmet" && n.RecipientId == "admin.central" && n.TaskId == unmet.TaskId);
    }

    [Fact]
    public async Task Girl_NoWomanPsychologistAtTheCentre_HerBestInterestsGoesToTheRegionsWomanPsychologist_Audited()
    {
        await using var host = HostWithMen(["psychologist.aktau"], StaffDirectory.Woman("psychologist.west", Roles.Psychologist, ScopeLevel.Region, "west"));
        var household = new RepatriationDriver(host);
        await household.ArriveAsync(MotherDaughterAndBoy());
        await host.ApproveAllOpenAsync(household.CaseId, filter: t => t.Step is "medicalScreening" or "childProtectionHandover" or "legalTrack");

        Assert.Equal(new HashSet<string?> { "socialworker.aktau", "psychologist.west" }, await AssigneesForAsync(host, household, "bestInterests", "c1"));
        var widened = Assert.Single(host.Audit.All, e => e.CaseId == household.CaseId && e.Reason == "WomenStaffRuleWidened");
        Assert.Equal((Roles.Psychologist, "Region"), (widened.Role, widened.Ids["level"]));
    }

    [Fact]
    public async Task HouseholdWithAWoman_ReintegrationReviewGoesOnlyToTheCentresWomanSocialWorker()
    {
        var motherAndSon = RepatriationDriver.Household(
            new HouseholdMember { MemberRef = "m1", Adult = true, Sex = "female" },
            new HouseholdMember { MemberRef = "c1", ParentRef = "m1", Sex = "male" });
        await _household.ArriveAsync(motherAndSon);
        await _host.ApproveAllOpenAsync(_household.CaseId);
        await _household.Service.RecordDocumentsRestoredAsync(_household.CaseId, _host.Actor("centredirector.aktau"));
        await _host.Host.RunUntilIdleAsync();

        for (var i = 0; i < 10 && (await _host.OpenTasksAsync(_household.CaseId, "reintegrationReview")).Count == 0; i++)
        {
            if (await _host.ApproveAllOpenAsync(_household.CaseId) == 0)
            {
                await _host.Host.AdvanceToAsync((await _host.StatusAsync(_household.InstanceId)).NextDeadline!.Value);
            }
        }

        Assert.Equal(new HashSet<string?> { "socialworker.aktau" }, await AssigneesAsync("reintegrationReview"));
    }

    [Fact]
    public async Task ImprisonedWoman_HerPreReleasePlanRecordsHerSex()
    {
        var mother = RepatriationDriver.Household(new HouseholdMember { MemberRef = "m1", Adult = true, Sex = "female", DateOfBirth = new DateOnly(1995, 4, 2) });
        await _household.ArriveAsync(mother);
        await _host.ApproveAllOpenAsync(_household.CaseId, filter: t => t.Step == "medicalScreening");
        var legal = Assert.Single(await _host.OpenTasksAsync(_household.CaseId, "legalTrack"));

        await _host.DecideAsync(legal.TaskId, "prosecutor.west", DecisionKind.Approve, attributes: new Dictionary<string, string> { ["legalTrack"] = "Imprisoned", ["prisonId"] = "kostanay", ["releaseDate"] = "2029-06-01", ["riskLevel"] = "High" });

        var planCase = (await _household.SectionAsync("followOn-m1"))!.Value.GetProperty("preReleaseCaseId").GetString()!;
        Assert.Equal("female", (await _host.Cases.ReadSectionsAsync(planCase)).Single(s => s.Name == "identity").Data.GetProperty("Sex").GetString());
    }
}
