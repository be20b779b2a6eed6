using Workflows.Approvals;
using Workflows.Approvals.Activities;
using Workflows.Engine;
using Workflows.Policies;
using Workflows.Tests.Support;

namespace Workflows.Tests.Approvals;

public sealed class ActivityIdempotencyTests : IAsyncLifetime
{
    private readonly DomainHost _host = DomainHost.Create();

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public ValueTask DisposeAsync() => _host.DisposeAsync();

    [Fact]
    public async Task OpenTasks_RedeliveredWithTheSameKey_CreatesNotifiesAndAuditsOnce()
    {
        var activity = ActivatorUtilitiesCreate();
        var request = new ApprovalRequest
        {
            Workflow = "referral",
            Step = "eligibilityScreening",
            CaseId = "case-idem",
            CaseReference = "REF-IDEM",
            FacilityId = "almaty",
            RegionId = "south",
            RequesterId = "referrer.almaty",
            Policy = new StepPolicy { Approvers = [new ApproverRule(Roles.ProgrammeCoordinator)] },
        };
        var input = new OpenTasksInput
        {
            Request = request,
            InstanceId = "approval-idem",
            Slots = [new ApprovalSlot { Index = 0, Role = Roles.ProgrammeCoordinator, Candidates = [new SlotCandidate("t-idem", "coordinator.almaty")] }],
            Due = _host.Now.AddDays(7),
        };

        await activity.RunAsync(new TaskActivityContext(OpenApprovalTasksActivity.Name, "approval-idem", 3, "approval-idem:x:3", 1, default), input);
        await activity.RunAsync(new TaskActivityContext(OpenApprovalTasksActivity.Name, "approval-idem", 3, "approval-idem:x:3", 2, default), input);

        Assert.Single(_host.Notifier.Sent, n => n.TaskId == "t-idem");
        Assert.Single(_host.Audit.All, e => e.CaseId == "case-idem");
        Assert.Single(await _host.Tasks.ListByCaseAsync("case-idem"));
    }

    private OpenApprovalTasksActivity ActivatorUtilitiesCreate() =>
        Microsoft.Extensions.DependencyInjection.ActivatorUtilities.CreateInstance<OpenApprovalTasksActivity>(_host.Host.Services);
}
