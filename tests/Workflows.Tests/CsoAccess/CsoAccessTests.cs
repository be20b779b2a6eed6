using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Workflows.Approvals;
using Workflows.Audit;
using Workflows.CsoAccess;
using Workflows.Notifications;
using Workflows.People;
using Workflows.Tests.Support;

namespace Workflows.Tests.CsoAccess;

/// <summary>The application: completeness, parallel reviews and vetting, final decision, reconsideration, onboarding.</summary>
public sealed class CsoAccessTests : IAsyncLifetime
{
    private static readonly JsonSerializerOptions DirectoryJson = new(JsonSerializerDefaults.Web) { Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter() } };
    private readonly DomainHost _host;
    private readonly CsoDriver _cso;

    public CsoAccessTests()
    {
        _host = DomainHost.Create();
        _cso = new CsoDriver(_host);
    }

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public ValueTask DisposeAsync() => _host.DisposeAsync();

    [Fact]
    public async Task Apply_WithoutTheSafeguardingPolicy_IsRefused()
    {
        var result = await _cso.Service.StartApplicationAsync(CsoDriver.Application() with { SafeguardingPolicyProvided = false }, _host.Actor(CsoDriver.FocalPoint));

        Assert.Contains(result.Errors!, e => e is { Field: "safeguardingPolicyProvided", Code: ErrorCodes.Required });
        Assert.Equal(IntakeStatus.NotEntitled, (await _cso.Service.StartApplicationAsync(CsoDriver.Application(), _host.Actor("staff1.cso-bridge"))).Status);
    }

    [Fact]
    public async Task HappyPath_GrantsAPermitWithConditions_NamingTheVettedStaff()
    {
        await _cso.ApplyAsync();
        Assert.Empty(await _host.OpenTasksAsync(_cso.CaseId, "staffVetting"));
        await _cso.CompleteAsync();
        Assert.Equal(2, (await _host.OpenTasksAsync(_cso.CaseId, "staffVetting")).Count);
        Assert.Equal(4, (await _host.OpenTasksAsync(_cso.CaseId, "parallelReviews")).Count);
        foreach (var reviewer in CsoDriver.Reviewers)
        {
            await _host.DecideAllAsync(_cso.CaseId, reviewer);
        }

        var final = Assert.Single(await _host.OpenTasksAsync(_cso.CaseId, "finalDecision"));
        Assert.Contains("natsec.central", final.ExcludedUserIds);
        await _host.DecideAsync(final.TaskId, "headcentral.central", DecisionKind.ApproveWithConditions, conditions: ["Escorted in the wing (prison rules art. 12)"]);
        await _host.DecideAllAsync(_cso.CaseId, "director.almaty");

        Assert.Equal(CsoOutcomes.PermitActive, await _cso.StatusAsync());
        Assert.Equal("permit", (await _host.StatusAsync(_cso.InstanceId)).Step);
        var agreement = (await _host.Cases.ReadSectionsAsync(_cso.CaseId)).Single(s => s.Name == "accessAgreement");
        Assert.True(agreement.Data.GetProperty("withConditions").GetBoolean());
        Assert.Equal(["staff1.cso-bridge", "staff2.cso-bridge"], (await _cso.PermitAsync()).Staff);
    }

    [Fact]
    public async Task FinalDecision_WithConditions_RecordsEachWithItsLegalBasisImposingAuthorityAndDuration()
    {
        await _cso.ApplyAsync();
        await _cso.ReviewAllAsync();
        var final = Assert.Single(await _host.OpenTasksAsync(_cso.CaseId, "finalDecision"));
        await _host.DecideAsync(final.TaskId, "headcentral.central", DecisionKind.ApproveWithConditions, conditions: ["Escorted in the wing", "No recording devices"],
            attributes: new Dictionary<string, string> { ["legalBasis"] = "Penal Enforcement Code art. 12", ["conditionDuration"] = "6 months" });
        await _host.DecideAllAsync(_cso.CaseId, "director.almaty");

        var conditions = Agreement().GetProperty("conditions").EnumerateArray().ToList();
        Assert.Equal(["Escorted in the wing", "No recording devices"], conditions.Select(c => c.GetProperty("Text").GetString()));
        Assert.All(conditions, c =>
        {
            Assert.Equal("Penal Enforcement Code art. 12", c.GetProperty("LegalBasis").GetString());
            Assert.Equal(Roles.HeadOfCentralAdministration, c.GetProperty("ImposingAuthority").GetString());
            Assert.Equal("headcentral.central", c.GetProperty("ImposedBy").GetString());
            Assert.Equal("6 months", c.GetProperty("Duration").GetString());
        });
        Assert.DoesNotContain(_host.Notifier.Sent, n => n.Code == "ConditionWithoutLegalBasis");
    }

    [Fact]
    public async Task FinalDecision_AConditionWithoutALegalBasis_LastsThePermit_AndTheCentralUnitIsAlerted()
    {
        await _cso.ApplyAsync();
        await _cso.ReviewAllAsync();
        await _host.DecideOpenAsync(_cso.CaseId, "headcentral.central", DecisionKind.ApproveWithConditions, conditions: ["Escorted in the wing"]);
        await _host.DecideAllAsync(_cso.CaseId, "director.almaty");

        var condition = Assert.Single(Agreement().GetProperty("conditions").EnumerateArray());
        Assert.Equal(JsonValueKind.Null, condition.GetProperty("LegalBasis").ValueKind);
        Assert.Equal("permitValidity", condition.GetProperty("Duration").GetString());
        Assert.Equal((await _cso.PermitAsync()).ValidUntil, condition.GetProperty("Until").GetDateTimeOffset());
        Assert.Contains(_host.Notifier.Sent, n => n.Code == "ConditionWithoutLegalBasis" && n.RecipientId == "partnerships.central");
    }

    [Fact]
    public async Task AccessAgreement_RecordsTheDataSharingAnnex_AsTheFieldsCsoStaffMaySee()
    {
        await _cso.GrantAsync();

        var agreement = Agreement();
        Assert.Equal("cso-bridge", agreement.GetProperty("organisationId").GetString());
        Assert.Equal(DataSharingAnnex.Default, agreement.GetProperty("annex").EnumerateArray().Select(e => e.GetString()!));
    }

    private JsonElement Agreement() =>
        _host.Cases.ReadSectionsAsync(_cso.CaseId).GetAwaiter().GetResult().Single(s => s.Name == DataSharingAnnex.AgreementSection).Data;

    [Fact]
    public async Task SecurityVeto_EndsTheApplication_AndWithdrawsTheOpenStaffVetting()
    {
        await _cso.ApplyAsync();
        await _cso.CompleteAsync();
        var security = Assert.Single(await _host.OpenTasksAsync(_cso.CaseId, "parallelReviews"), t => t.AssigneeId == "natsec.central");

        await _host.DecideAsync(security.TaskId, "natsec.central", DecisionKind.Veto, "Undisclosed record.", ["undisclosed-criminal-record"]);

        Assert.Equal(CsoOutcomes.Rejected, await _cso.OutcomeAsync());
        Assert.Empty(await _host.OpenTasksOfCaseAsync(_cso.CaseId));
        Assert.All((await _host.Tasks.ListByCaseAsync(_cso.CaseId)).Where(t => t.Step == "staffVetting"), t => Assert.Equal(ApprovalTaskStatus.Cancelled, t.Status));
        Assert.Contains(_host.Notifier.Sent, n => n is { Kind: NotificationKind.Outcome, Code: CsoOutcomes.Rejected, RecipientId: CsoDriver.FocalPoint });
    }

    [Fact]
    public async Task FinalRejection_ReconsideredByAnotherAuthorisedPerson_Grants()
    {
        await using var host = DomainHost.Create(services => services.AddSingleton<IPersonDirectory>(DirectoryWithADeputyHead()));
        var cso = new CsoDriver(host);
        await cso.ApplyAsync();
        await cso.ReviewAllAsync();
        await host.DecideAllAsync(cso.CaseId, "headcentral.central", DecisionKind.Reject);
        Assert.Contains(host.Notifier.Sent, n => n.Code == "RejectedReconsiderationPossible" && n.RecipientId == CsoDriver.FocalPoint);

        Assert.Equal(DecisionStatus.Recorded, (await cso.Service.RequestReconsiderationAsync(cso.CaseId, host.Actor(CsoDriver.FocalPoint), "New safeguarding lead appointed.")).Status);
        await host.Host.RunUntilIdleAsync();
        var reconsideration = Assert.Single(await host.OpenTasksAsync(cso.CaseId, "reconsideration"));
        Assert.Equal("deputyhead.central", reconsideration.AssigneeId);
        Assert.Contains("headcentral.central", reconsideration.ExcludedUserIds);
        await host.DecideAsync(reconsideration.TaskId, "deputyhead.central", DecisionKind.Approve);
        await host.DecideAllAsync(cso.CaseId, "director.almaty");

        Assert.Equal(CsoOutcomes.PermitActive, await cso.StatusAsync());
        Assert.Equal("permit", (await host.StatusAsync(cso.InstanceId)).Step);
    }

    [Fact]
    public async Task FinalRejection_NoReconsiderationAskedWithinThirtyDays_StaysRejected()
    {
        await _cso.ApplyAsync();
        await _cso.ReviewAllAsync();
        await _host.DecideAllAsync(_cso.CaseId, "headcentral.central", DecisionKind.Reject);
        var rejectedAt = _host.Now;

        await _host.Host.AdvanceToAsync(rejectedAt.AddDays(30).AddMinutes(-1));
        await _host.AssertRunningAsync(_cso.InstanceId);
        await _host.Host.AdvanceToAsync(rejectedAt.AddDays(30));

        Assert.Equal(CsoOutcomes.Rejected, await _cso.OutcomeAsync());
    }

    [Fact]
    public async Task StaffVetting_RejectsOneStaffMember_ThePermitNamesOnlyTheOther()
    {
        await _cso.ApplyAsync();
        await _cso.CompleteAsync();
        var vetting = (await _host.OpenTasksAsync(_cso.CaseId, "staffVetting")).OrderBy(t => t.InstanceId).ToList();
        await _host.DecideAsync(vetting[1].TaskId, "natsec.central", DecisionKind.Reject, "Incident involvement.", ["security-incident-involvement"]);
        foreach (var reviewer in CsoDriver.Reviewers)
        {
            await _host.DecideAllAsync(_cso.CaseId, reviewer);
        }

        await _host.DecideAllAsync(_cso.CaseId, "headcentral.central");
        await _host.DecideAllAsync(_cso.CaseId, "director.almaty");

        var agreement = (await _host.Cases.ReadSectionsAsync(_cso.CaseId)).Single(s => s.Name == "accessAgreement");
        Assert.Equal(1, agreement.Data.GetProperty("staff").GetArrayLength());
        Assert.Single((await _cso.PermitAsync()).Staff);
    }

    [Fact]
    public async Task FaithBasedContent_AddsTheReligiousContentReview()
    {
        await _cso.ApplyAsync(CsoDriver.Application(faith: true));
        await _cso.CompleteAsync();

        Assert.Contains(await _host.OpenTasksAsync(_cso.CaseId, "parallelReviews"), t => t.AssigneeId == "theologian.central");
    }

    [Fact]
    public async Task InterAgency_MajorityNeedsSecurityConcurrence()
    {
        await _cso.ApplyAsync(CsoDriver.Application(interAgency: true));
        await _cso.CompleteAsync();
        await _host.DecideAllAsync(_cso.CaseId, "natsec.central", step: "staffVetting");
        foreach (var member in new[] { "legal.central", "programmereview.central", "dpo.central" })
        {
            await _host.DecideAllAsync(_cso.CaseId, member, step: "interAgencyReview");
        }

        Assert.NotEmpty(await _host.OpenTasksAsync(_cso.CaseId, "interAgencyReview"));
        await _host.DecideAllAsync(_cso.CaseId, "natsec.central", step: "interAgencyReview");
        Assert.Single(await _host.OpenTasksAsync(_cso.CaseId, "finalDecision"));
    }

    [Fact]
    public async Task Withdrawal_DuringTheReviews_EndsTheApplication_AndClosesEveryTask()
    {
        await _cso.ApplyAsync();
        await _cso.CompleteAsync();
        await _host.DecideAllAsync(_cso.CaseId, "legal.central");

        Assert.Equal(DecisionStatus.NotEntitled, (await _host.Decisions.WithdrawAsync(_cso.CaseId, _host.Actor("staff1.cso-bridge"))).Status);
        Assert.Equal(DecisionStatus.Recorded, (await _host.Decisions.WithdrawAsync(_cso.CaseId, _host.Actor(CsoDriver.FocalPoint), "Programme postponed.")).Status);
        await _host.Host.RunUntilIdleAsync();

        Assert.Equal(CsoOutcomes.Withdrawn, await _cso.OutcomeAsync());
        Assert.Equal(CsoOutcomes.Withdrawn, await _cso.StatusAsync());
        Assert.Empty(await _host.OpenTasksOfCaseAsync(_cso.CaseId));
        Assert.Contains(await _host.Audit.ReadAsync(_cso.CaseId), e => e is { Action: AuditActions.Withdrawn, ActorId: CsoDriver.FocalPoint });
    }

    [Fact]
    public async Task Delegation_TheDelegateReviewsOnTheReviewersBehalf_AndMayNotMakeTheFinalDecision()
    {
        await _cso.ApplyAsync();
        await _cso.CompleteAsync();
        var review = Assert.Single(await _host.OpenTasksAsync(_cso.CaseId, "parallelReviews"), t => t.AssigneeId == "dpo.central");

        Assert.Equal(DecisionStatus.Recorded, (await _host.Decisions.DelegateAsync(review.TaskId, _host.Actor("dpo.central"), "interagency.central", "On leave.")).Status);
        await _host.Host.RunUntilIdleAsync();
        Assert.Equal(DecisionStatus.NotEntitled, (await _host.DecideAsync(review.TaskId, "legal.central", DecisionKind.Approve)).Status);
        Assert.Equal(DecisionStatus.Recorded, (await _host.DecideAsync(review.TaskId, "interagency.central", DecisionKind.Approve)).Status);
        foreach (var reviewer in CsoDriver.Reviewers.Where(r => r != "dpo.central"))
        {
            await _host.DecideAllAsync(_cso.CaseId, reviewer);
        }

        var decided = (await _host.Tasks.GetAsync(review.TaskId))!;
        Assert.Equal(("interagency.central", "dpo.central"), (decided.DecidedBy, decided.OnBehalfOf));
        Assert.Contains(await _host.Audit.ReadAsync(_cso.CaseId), e => e is { Action: AuditActions.DecisionRecorded, ActorId: "interagency.central", OnBehalfOf: "dpo.central" });
        Assert.Contains("interagency.central", Assert.Single(await _host.OpenTasksAsync(_cso.CaseId, "finalDecision")).ExcludedUserIds);
    }

    [Fact]
    public async Task SiteOnboarding_RefusedAtOnePrison_ThePermitCoversOnlyTheOther()
    {
        await _cso.ApplyAsync(CsoDriver.Application() with { FacilityIds = ["almaty", "kostanay"] });
        await _cso.ReviewAllAsync();
        await _host.DecideAllAsync(_cso.CaseId, "headcentral.central");
        await _host.DecideAllAsync(_cso.CaseId, "director.kostanay", DecisionKind.Reject);
        await _host.DecideAllAsync(_cso.CaseId, "director.almaty");

        Assert.Equal("permit", (await _host.StatusAsync(_cso.InstanceId)).Step);
        var covered = (await _host.Cases.ReadSectionsAsync(_cso.CaseId)).Single(s => s.Name == "accessAgreement-facilities");
        Assert.Equal(["almaty"], covered.Data.GetProperty("facilities").EnumerateArray().Select(e => e.GetString()));
        var visit = await _cso.Service.RequestVisitAsync(_cso.CaseId, new CsoVisitRequest { FacilityId = "kostanay", VisitAt = _host.Now.AddDays(10), StaffIds = ["staff1.cso-bridge"] }, _host.Actor(CsoDriver.FocalPoint));
        Assert.Contains(visit.Errors!, e => e is { Field: "facilityId", Code: ErrorCodes.UnknownValue });
    }

    [Fact]
    public async Task FinalRejection_TheStatusShowsTheReconsiderationWindow_WaitingOnTheCso()
    {
        await _cso.ApplyAsync();
        await _cso.ReviewAllAsync();
        await _host.DecideAllAsync(_cso.CaseId, "headcentral.central", DecisionKind.Reject);

        var status = await _host.StatusAsync(_cso.InstanceId);
        Assert.Equal("reconsiderationWindow", status.Step);
        Assert.Equal(_host.Now.AddDays(30), status.NextDeadline);
        Assert.Equal([Roles.CsoFocalPoint], status.WaitingOnRoles);
        Assert.Empty(status.WaitingOnTaskIds);
    }

    [Fact]
    public async Task SiteOnboarding_TheStatusShowsEveryPrisonStillOnboarding_AndDropsThoseDecided()
    {
        await _cso.ApplyAsync(CsoDriver.Application() with { FacilityIds = ["almaty", "kostanay"] });
        await _cso.ReviewAllAsync();
        await _host.DecideAllAsync(_cso.CaseId, "headcentral.central");
        var open = await _host.OpenTasksAsync(_cso.CaseId, "siteOnboarding");

        var both = await _host.StatusAsync(_cso.InstanceId);
        Assert.Equal("siteOnboarding", both.Step);
        Assert.Equal(open.Select(t => t.TaskId).Order(), both.WaitingOnTaskIds.Order());
        Assert.Equal([Roles.PrisonDirector], both.WaitingOnRoles);
        Assert.Equal(open.Min(t => t.Due), both.NextDeadline);

        await _host.DecideAllAsync(_cso.CaseId, "director.kostanay");
        var almaty = open.Single(t => t.AssigneeId == "director.almaty");
        Assert.Equal([almaty.TaskId], (await _host.StatusAsync(_cso.InstanceId)).WaitingOnTaskIds);
    }

    [Fact]
    public async Task SiteOnboarding_RefusedEverywhere_EndsWithoutAPermit()
    {
        await _cso.ApplyAsync();
        await _cso.ReviewAllAsync();
        await _host.DecideAllAsync(_cso.CaseId, "headcentral.central");
        await _host.DecideAllAsync(_cso.CaseId, "director.almaty", DecisionKind.Reject);

        Assert.Equal(CsoOutcomes.NotOnboarded, await _cso.OutcomeAsync());
    }

    /// <summary>The development directory plus a second person authorised as head of central administration.</summary>
    private static JsonPersonDirectory DirectoryWithADeputyHead()
    {
        using var stream = typeof(JsonPersonDirectory).Assembly.GetManifestResourceStream("Workflows.People.dev-directory.json")!;
        var seed = JsonSerializer.Deserialize<DirectoryDocument>(stream, DirectoryJson)!;
        var deputy = new Person
        {
            Id = "deputyhead.central",
            DisplayName = "Deputy head (fictional)",
            Email = "deputyhead.central@dev.workflows.local",
            Roles = [new RoleGrant(Roles.HeadOfCentralAdministration, ScopeLevel.Central, RoleGrant.CentralScopeId)],
        };
        return new JsonPersonDirectory(seed with { People = [.. seed.People, deputy] });
    }
}
