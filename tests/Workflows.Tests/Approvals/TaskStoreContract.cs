using Workflows.Approvals;

namespace Workflows.Tests.Approvals;

/// <summary>Behaviour every task store must have.</summary>
public abstract class TaskStoreContract
{
    private static readonly DateTimeOffset Start = new(2026, 1, 5, 9, 0, 0, TimeSpan.Zero);

    protected abstract IApprovalTaskStore Store { get; }

    protected static ApprovalTask NewTask(string assignee = "coordinator.almaty", int dueInDays = 5, string? caseId = null, string? instance = null) => new()
    {
        TaskId = "t-" + Guid.NewGuid().ToString("N"),
        Workflow = "referral",
        CaseId = caseId ?? "case-" + Guid.NewGuid().ToString("N")[..8],
        CaseReference = "REF-1",
        InstanceId = instance ?? "i-" + Guid.NewGuid().ToString("N")[..8],
        Step = "eligibilityScreening",
        AssigneeId = assignee,
        Role = Roles.ProgrammeCoordinator,
        FacilityId = "almaty",
        Due = Start.AddDays(dueInDays),
        CreatedAt = Start,
        Comment = "kept only in the store",
    };

    [Fact]
    public async Task Create_IsIdempotent()
    {
        var task = NewTask();
        Assert.True(await Store.CreateAsync(task));
        Assert.False(await Store.CreateAsync(task));
        Assert.Equal("kept only in the store", (await Store.GetAsync(task.TaskId))!.Comment);
    }

    [Fact]
    public async Task TryReplace_WithAStaleETag_Fails()
    {
        var task = NewTask();
        await Store.CreateAsync(task);
        var read = (await Store.GetAsync(task.TaskId))!;

        Assert.True(await Store.TryReplaceAsync(read with { Status = ApprovalTaskStatus.Decided }));
        Assert.False(await Store.TryReplaceAsync(read with { Status = ApprovalTaskStatus.Cancelled }));
        Assert.Equal(ApprovalTaskStatus.Decided, (await Store.GetAsync(task.TaskId))!.Status);
    }

    [Fact]
    public async Task Inbox_ListsOpenTasksOfTheAssigneeAndTheDelegate()
    {
        var assignee = "p-" + Guid.NewGuid().ToString("N")[..8];
        var delegateId = "p-" + Guid.NewGuid().ToString("N")[..8];
        var open = NewTask(assignee);
        var closed = NewTask(assignee);
        await Store.CreateAsync(open);
        await Store.CreateAsync(closed);
        var c = (await Store.GetAsync(closed.TaskId))!;
        await Store.TryReplaceAsync(c with { Status = ApprovalTaskStatus.Decided });
        var o = (await Store.GetAsync(open.TaskId))!;
        await Store.TryReplaceAsync(o with { DelegateId = delegateId });

        Assert.Equal([open.TaskId], (await Store.ListOpenForPersonAsync(assignee)).Select(t => t.TaskId));
        Assert.Equal([open.TaskId], (await Store.ListOpenForPersonAsync(delegateId)).Select(t => t.TaskId));
    }

    [Fact]
    public async Task ByInstanceAndCase_ListEveryTask()
    {
        var caseId = "case-" + Guid.NewGuid().ToString("N")[..8];
        var a = NewTask(caseId: caseId, instance: caseId + ":a");
        var b = NewTask(caseId: caseId, instance: caseId + ":b");
        await Store.CreateAsync(a);
        await Store.CreateAsync(b);

        Assert.Equal(2, (await Store.ListByCaseAsync(caseId)).Count);
        Assert.Equal([b.TaskId], (await Store.ListByInstanceAsync(caseId + ":b")).Select(t => t.TaskId));
    }

    [Fact]
    public async Task OverdueAndDueRange_ListOnlyOpenTasksInRange()
    {
        var soon = NewTask(dueInDays: 1000);
        var later = NewTask(dueInDays: 1010);
        var decided = NewTask(dueInDays: 1001);
        await Store.CreateAsync(soon);
        await Store.CreateAsync(later);
        await Store.CreateAsync(decided);
        var d = (await Store.GetAsync(decided.TaskId))!;
        await Store.TryReplaceAsync(d with { Status = ApprovalTaskStatus.Decided });

        var inRange = await Store.ListDueBetweenAsync(Start.AddDays(999), Start.AddDays(1005));
        Assert.Contains(inRange, t => t.TaskId == soon.TaskId);
        Assert.DoesNotContain(inRange, t => t.TaskId == later.TaskId || t.TaskId == decided.TaskId);
        var overdue = await Store.ListOverdueAsync(Start.AddDays(1005));
        Assert.Contains(overdue, t => t.TaskId == soon.TaskId);
        Assert.DoesNotContain(overdue, t => t.TaskId == later.TaskId);
    }

    [Fact]
    public async Task Counts_FollowStatusChanges()
    {
        var task = NewTask() with { Workflow = "w" + Guid.NewGuid().ToString("N")[..6] };
        await Store.CreateAsync(task);
        var read = (await Store.GetAsync(task.TaskId))!;
        await Store.TryReplaceAsync(read with { Status = ApprovalTaskStatus.Decided });

        var counts = (await Store.CountByWorkflowAndStatusAsync()).Where(c => c.Workflow == task.Workflow).ToList();
        Assert.Equal([new TaskCount(task.Workflow, ApprovalTaskStatus.Decided, 1)], counts);
    }
}
