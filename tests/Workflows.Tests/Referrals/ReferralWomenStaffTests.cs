using Microsoft.Extensions.DependencyInjection;
using Workflows.Approvals;
using Workflows.Audit;
using Workflows.Notifications;
using Workflows.People;
using Workflows.Tests.Support;

namespace Workflows.Tests.Referrals;

/// <summary>
/// Safeguard 7, women staff for women prisoners: steps with direct contact (risk assessment, progress
/// review, risk re-assessment) go to women only when the prisoner is a woman or girl. Almaty is a men's
/// prison whose assessors 1 and 3 are women, assessor 2 a man, and whose programme coordinator is a man.
/// </summary>
public sealed class ReferralWomenStaffTests : IAsyncLifetime
{
    private readonly DomainHost _host = DomainHost.Create();

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public ValueTask DisposeAsync() => _host.DisposeAsync();

    private static async Task<HashSet<string?>> AssigneesAsync(DomainHost host, ReferralDriver referral, string step) =>
        (await host.OpenTasksAsync(referral.CaseId, step)).Select(t => t.AssigneeId).ToHashSet();

    private static async Task<ReferralDriver> AssessingAsync(DomainHost host, string sex, string facility = "almaty", DateOnly? dateOfBirth = null)
    {
        var referral = new ReferralDriver(host, facility);
        await referral.SubmitAsync(ReferralDriver.Request(facility, dateOfBirth, sex));
        await referral.ApproveEligibilityAsync();
        return referral;
    }

    /// <summary>Runs a referral at Almaty into the programme and on to its first progress review, three months in.</summary>
    private static async Task<ReferralDriver> AtFirstProgressReviewAsync(DomainHost host, string sex)
    {
        var referral = await AssessingAsync(host, sex);
        await referral.AssessAsync(first: "assessor1", second: "assessor3");
        await referral.ClearSecurityAsync();
        await referral.ConsentAsync();
        await referral.CaseConferenceAsync();
        await referral.PlaceAsync();
        await referral.StartProgrammeAsync();
        await host.Host.AdvanceToAsync(host.Now.AddMonths(3));
        return referral;
    }

    [Fact]
    public async Task FemaleReferral_RiskAssessmentGoesOnlyToTheFacilitysWomenAssessors()
    {
        var referral = await AssessingAsync(_host, "female");

        Assert.Equal(new HashSet<string?> { "assessor1.almaty", "assessor3.almaty" }, await AssigneesAsync(_host, referral, "riskAssessment"));
    }

    [Fact]
    public async Task MaleReferral_RiskAssessmentGoesToEveryAssessorOfTheFacility()
    {
        var referral = await AssessingAsync(_host, "male");

        Assert.Equal(new HashSet<string?> { "assessor1.almaty", "assessor2.almaty", "assessor3.almaty" }, await AssigneesAsync(_host, referral, "riskAssessment"));
    }

    [Fact]
    public async Task Girl_TakesTheJuvenileTrack_AndHerRiskAssessmentStillGoesOnlyToWomen()
    {
        var referral = await AssessingAsync(_host, "female", "taraz", new DateOnly(2010, 3, 1));

        Assert.Equal(new HashSet<string?> { "assessor1.taraz", "assessor3.taraz" }, await AssigneesAsync(_host, referral, "riskAssessmentJuvenile"));
    }

    [Fact]
    public async Task MaleReferral_ProgressReviewGoesToTheFacilitysCoordinator()
    {
        var referral = await AtFirstProgressReviewAsync(_host, "male");

        Assert.Equal(new HashSet<string?> { "coordinator.almaty" }, await AssigneesAsync(_host, referral, "progressReview"));
    }

    [Fact]
    public async Task FemaleReferral_NoWomanCoordinatorAtTheFacility_ProgressReviewGoesToTheRegionsWomanCoordinator_Audited()
    {
        var directory = StaffDirectory.SeedWith(StaffDirectory.Woman("coordinator.south", Roles.ProgrammeCoordinator, ScopeLevel.Region, "south"));
        await using var host = DomainHost.Create(s => s.AddSingleton<IPersonDirectory>(directory));

        var referral = await AtFirstProgressReviewAsync(host, "female");

        var review = Assert.Single(await host.OpenTasksAsync(referral.CaseId, "progressReview"));
        Assert.Equal("coordinator.south", review.AssigneeId);
        var audit = Assert.Single(host.Audit.All, e => e.CaseId == referral.CaseId && e.Reason == "WomenStaffRuleWidened");
        Assert.Equal((AuditActions.Escalated, Roles.ProgrammeCoordinator, review.TaskId, "Region"), (audit.Action, audit.Role, audit.Ids["taskId"], audit.Ids["level"]));
    }

    [Fact]
    public async Task FemaleReferral_NoEligibleWomanAnywhere_ProgressReviewWaitsUnassigned_AuditedAndTheAdministratorsAlerted()
    {
        var referral = await AtFirstProgressReviewAsync(_host, "female");

        var review = Assert.Single(await _host.OpenTasksAsync(referral.CaseId, "progressReview"));
        Assert.Null(review.AssigneeId);
        Assert.Contains(_host.Audit.All, e => e.CaseId == referral.CaseId && e.Action == AuditActions.Escalated && e.Reason == "WomenStaffRuleUnmet" && e.Ids["taskId"] == review.TaskId);
        Assert.Contains(_host.Notifier.Sent, n => n.Kind == NotificationKind.Alert && n.Code == "WomenStaffRuleUnmet" && n.RecipientId == "admin.central" && n.TaskId == review.TaskId);
    }

    [Fact]
    public async Task AdministratorAssigningTheUnmetTaskToAMan_IsRefusedNamingTheAssignee()
    {
        var referral = await AtFirstProgressReviewAsync(_host, "female");
        var review = Assert.Single(await _host.OpenTasksAsync(referral.CaseId, "progressReview"));

        var result = await _host.Decisions.ReassignAsync(review.TaskId, _host.Actor("admin.central"), "coordinator.almaty", "Nobody else holds the role.");

        Assert.Contains(result.Errors!, e => e is { Field: "assigneeId", Code: ErrorCodes.NotAllowed });
        Assert.Null((await _host.Tasks.GetAsync(review.TaskId))!.AssigneeId);
    }

    [Fact]
    public async Task AdministratorAssigningTheUnmetTaskToAWoman_Succeeds()
    {
        var referral = await AtFirstProgressReviewAsync(_host, "female");
        var review = Assert.Single(await _host.OpenTasksAsync(referral.CaseId, "progressReview"));

        var result = await _host.Decisions.ReassignAsync(review.TaskId, _host.Actor("admin.central"), "coordinator.kostanay", "The women's prison's coordinator runs the review.");

        Assert.Equal(DecisionStatus.Recorded, result.Status);
        Assert.Equal("coordinator.kostanay", (await _host.Tasks.GetAsync(review.TaskId))!.AssigneeId);
    }

    [Fact]
    public async Task DelegatingAWomenOnlyTaskToAMan_IsRefusedNamingTheDelegate()
    {
        var referral = await AssessingAsync(_host, "female");
        var task = Assert.Single(await _host.OpenTasksAsync(referral.CaseId, "riskAssessment"), t => t.AssigneeId == "assessor1.almaty");

        var result = await _host.Decisions.DelegateAsync(task.TaskId, _host.Actor("assessor1.almaty"), "socialworker.almaty");

        Assert.Contains(result.Errors!, e => e is { Field: "delegateId", Code: ErrorCodes.NotAllowed });
        Assert.Null((await _host.Tasks.GetAsync(task.TaskId))!.DelegateId);
    }

    [Fact]
    public async Task DelegatingAWomenOnlyTaskToAWoman_Succeeds()
    {
        var referral = await AssessingAsync(_host, "female");
        var task = Assert.Single(await _host.OpenTasksAsync(referral.CaseId, "riskAssessment"), t => t.AssigneeId == "assessor1.almaty");

        var result = await _host.Decisions.DelegateAsync(task.TaskId, _host.Actor("assessor1.almaty"), "psychologist.almaty");

        Assert.Equal(DecisionStatus.Recorded, result.Status);
        Assert.Equal("psychologist.almaty", (await _host.Tasks.GetAsync(task.TaskId))!.DelegateId);
    }
}
