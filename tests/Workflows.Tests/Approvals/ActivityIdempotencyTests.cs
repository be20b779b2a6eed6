using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Workflows.Approvals;
using Workflows.Approvals.Activities;
using Workflows.Audit;
using Workflows.Cases;
using Workflows.Engine;
using Workflows.Notifications;
using Workflows.Policies;
using Workflows.Tests.Support;

namespace Workflows.Tests.Approvals;

/// <summary>
/// A domain activity redelivered (a retry, a lost acknowledgement) runs again with the same idempotency
/// key: it must not notify, audit or write twice. A call with another key is a new effect.
/// </summary>
public sealed class ActivityIdempotencyTests : IAsyncLifetime
{
    private const string CaseId = "case-idem";
    private readonly DomainHost _host = DomainHost.Create();

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public ValueTask DisposeAsync() => _host.DisposeAsync();

    private static ApprovalRequest Request => new()
    {
        Workflow = "referral",
        Step = "eligibilityScreening",
        CaseId = CaseId,
        CaseReference = "REF-IDEM",
        FacilityId = "almaty",
        RegionId = "south",
        RequesterId = "referrer.almaty",
        Policy = new StepPolicy { Approvers = [new ApproverRule(Roles.ProgrammeCoordinator)] },
    };

    private static TaskActivityContext Delivery(string name, string key, int attempt) => new(name, "approval-idem", 3, key, attempt, default);

    private T Create<T>() => ActivatorUtilities.CreateInstance<T>(_host.Host.Services);

    private List<AuditEntry> Audit(string action) => _host.Audit.All.Where(e => e.CaseId == CaseId && e.Action == action).ToList();

    private async Task<ApprovalTask> OpenTaskAsync()
    {
        await Create<OpenApprovalTasksActivity>().RunAsync(Delivery(OpenApprovalTasksActivity.Name, "approval-idem:open:1", 1), new OpenTasksInput
        {
            Request = Request,
            InstanceId = "approval-idem",
            Slots = [new ApprovalSlot { Index = 0, Role = Roles.ProgrammeCoordinator, Candidates = [new SlotCandidate("t-idem", "coordinator.almaty")] }],
            Due = _host.Now.AddDays(7),
        });
        return (await _host.Tasks.GetAsync("t-idem"))!;
    }

    [Fact]
    public async Task OpenTasks_RedeliveredWithTheSameKey_CreatesNotifiesAndAuditsOnce()
    {
        var activity = Create<OpenApprovalTasksActivity>();
        var input = new OpenTasksInput
        {
            Request = Request,
            InstanceId = "approval-idem",
            Slots = [new ApprovalSlot { Index = 0, Role = Roles.ProgrammeCoordinator, Candidates = [new SlotCandidate("t-idem", "coordinator.almaty")] }],
            Due = _host.Now.AddDays(7),
        };

        await activity.RunAsync(Delivery(OpenApprovalTasksActivity.Name, "approval-idem:x:3", 1), input);
        await activity.RunAsync(Delivery(OpenApprovalTasksActivity.Name, "approval-idem:x:3", 2), input);

        Assert.Single(_host.Notifier.Sent, n => n.TaskId == "t-idem");
        Assert.Single(_host.Audit.All, e => e.CaseId == CaseId);
        Assert.Single(await _host.Tasks.ListByCaseAsync(CaseId));
    }

    [Fact]
    public async Task ApprovalNotice_RedeliveredWithTheSameKey_RemindsAndAuditsOnce_AnotherKeyRemindsAgain()
    {
        await OpenTaskAsync();
        var activity = Create<NotifyApprovalActivity>();
        var input = new NotifyInput { Kind = NotificationKind.Reminder, Request = Request, InstanceId = "approval-idem", TaskIds = ["t-idem"], Role = Roles.PrisonDirector, AuditAction = AuditActions.ReminderSent, Code = "Reminder" };
        int Reminders() => _host.Notifier.Sent.Count(n => n.Kind == NotificationKind.Reminder);

        await activity.RunAsync(Delivery(NotifyApprovalActivity.Name, "approval-idem:r0:5", 1), input);
        await activity.RunAsync(Delivery(NotifyApprovalActivity.Name, "approval-idem:r0:5", 2), input);

        Assert.Equal(2, Reminders());
        Assert.Single(_host.Notifier.Sent, n => n.Kind == NotificationKind.Reminder && n.RecipientId == "coordinator.almaty");
        Assert.Single(_host.Notifier.Sent, n => n.Kind == NotificationKind.Reminder && n.RecipientId == "director.almaty");
        Assert.Single(Audit(AuditActions.ReminderSent));

        await activity.RunAsync(Delivery(NotifyApprovalActivity.Name, "approval-idem:r1:9", 1), input);
        Assert.Equal(4, Reminders());
        Assert.Equal(2, Audit(AuditActions.ReminderSent).Count);
    }

    [Fact]
    public async Task CaseNotice_RedeliveredWithTheSameKey_NotifiesAndRecordsTheDisclosureOnce()
    {
        await _host.Cases.CreateAsync(new CaseRecord { CaseId = CaseId, Reference = "REF-IDEM", Workflow = "referral", FacilityId = "almaty", RegionId = "south", RequesterId = "referrer.almaty", SubjectId = "prisoner-9", SubjectLanguage = "kk" });
        var activity = Create<NotifyPeopleActivity>();
        var input = new NotifyPeopleInput { CaseId = CaseId, Kind = NotificationKind.Outcome, Code = "NotEligible", PersonIds = ["referrer.almaty"], ToSubject = true, ChallengeRoute = "complaint" };

        await activity.RunAsync(Delivery(NotifyPeopleActivity.Name, "referral-idem:12", 1), input);
        await activity.RunAsync(Delivery(NotifyPeopleActivity.Name, "referral-idem:12", 2), input);

        Assert.Single(_host.Notifier.Sent, n => n.Kind == NotificationKind.Outcome && n.RecipientId == "referrer.almaty");
        Assert.Single(_host.Notifier.Sent, n => n.Kind == NotificationKind.DecisionNotice && n.RecipientId == "prisoner-9" && n.Language == "kk");
        Assert.Single(Audit(AuditActions.Disclosure));
    }

    [Fact]
    public async Task CaseEvent_RedeliveredWithTheSameKey_WritesTheSectionAndAuditsOnce()
    {
        await _host.Cases.CreateAsync(new CaseRecord { CaseId = CaseId, Reference = "REF-IDEM", Workflow = "referral", FacilityId = "almaty", RegionId = "south", RequesterId = "referrer.almaty" });
        var activity = Create<RecordCaseEventActivity>();
        var input = new CaseEventInput
        {
            CaseId = CaseId,
            Action = AuditActions.WorkflowOutcome,
            Reason = "Placed",
            Status = "Placed",
            SectionName = "placement",
            SectionData = JsonSerializer.SerializeToElement(new { assessmentId = "assessment-0" }),
        };

        await activity.RunAsync(Delivery(RecordCaseEventActivity.Name, "referral-idem:20", 1), input);
        await activity.RunAsync(Delivery(RecordCaseEventActivity.Name, "referral-idem:20", 2), input);

        Assert.Single(Audit(AuditActions.WorkflowOutcome));
        Assert.Single(await _host.Cases.ReadSectionsAsync(CaseId), s => s.Name == "placement");
        Assert.Equal("Placed", (await _host.Cases.GetAsync(CaseId))!.Status);
        Assert.True((await _host.Audit.VerifyAsync(CaseId)).IsValid);
    }

    [Fact]
    public async Task CloseTasks_RedeliveredWithTheSameKey_RecordsTheLateDecisionAndTheOutcomeOnce()
    {
        var task = await OpenTaskAsync();
        Assert.True(await _host.Tasks.TryReplaceAsync(task with { Status = ApprovalTaskStatus.Decided, Decision = DecisionKind.Approve, DecisionId = "d-late", DecidedBy = "coordinator.almaty" }));
        var activity = Create<CloseApprovalTasksActivity>();
        var late = new CloseTasksInput { CaseId = CaseId, InstanceId = "approval-idem", Step = "eligibilityScreening", TaskIds = ["t-idem"], Status = ApprovalTaskStatus.Late };
        var outcome = new CloseTasksInput { CaseId = CaseId, InstanceId = "approval-idem", Step = "eligibilityScreening", TaskIds = ["t-idem"], Result = ApprovalResult.Approved };

        await activity.RunAsync(Delivery(CloseApprovalTasksActivity.Name, "approval-idem:late:7", 1), late);
        await activity.RunAsync(Delivery(CloseApprovalTasksActivity.Name, "approval-idem:late:7", 2), late);
        await activity.RunAsync(Delivery(CloseApprovalTasksActivity.Name, "approval-idem:close:8", 1), outcome);
        await activity.RunAsync(Delivery(CloseApprovalTasksActivity.Name, "approval-idem:close:8", 2), outcome);

        Assert.Single(Audit(AuditActions.DecisionSuperseded));
        Assert.Single(Audit(AuditActions.StepOutcome));
        Assert.Equal(ApprovalTaskStatus.Late, (await _host.Tasks.GetAsync("t-idem"))!.Status);
    }
}
