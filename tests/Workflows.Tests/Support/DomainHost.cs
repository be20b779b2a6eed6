using Microsoft.Extensions.DependencyInjection;
using Workflows.Approvals;
using Workflows.Audit;
using Workflows.Cases;
using Workflows.People;
using Workflows.Engine;
using Workflows.Engine.Testing;
using Workflows.Notifications;
using Workflows.Policies;

namespace Workflows.Tests.Support;

/// <summary>The programme workflows on the time-skipping host with in-memory stores and the development directory.</summary>
public sealed class DomainHost : IAsyncDisposable
{
    private DomainHost(OrchestrationTestHost host)
    {
        Host = host;
        Tasks = host.Services.GetRequiredService<IApprovalTaskStore>();
        Notifier = (RecordingNotifier)host.Services.GetRequiredService<INotifier>();
        Audit = (InMemoryAuditLog)host.Services.GetRequiredService<IAuditLog>();
        Decisions = host.Services.GetRequiredService<ApprovalDecisionService>();
        Directory = host.Services.GetRequiredService<IPersonDirectory>();
        Cases = host.Services.GetRequiredService<ICaseStore>();
        Policies = host.Services.GetRequiredService<IPolicyProvider>();
        CaseReader = host.Services.GetRequiredService<CaseReadService>();
    }

    public OrchestrationTestHost Host { get; }

    public IApprovalTaskStore Tasks { get; }

    public RecordingNotifier Notifier { get; }

    public InMemoryAuditLog Audit { get; }

    public ApprovalDecisionService Decisions { get; }

    public IPersonDirectory Directory { get; }

    public ICaseStore Cases { get; }

    public IPolicyProvider Policies { get; }

    public CaseReadService CaseReader { get; }

    public DateTimeOffset Now => Host.UtcNow;

    public static DomainHost Create(Action<IServiceCollection>? services = null, DateTimeOffset? start = null) =>
        new(OrchestrationTestHost.Create(
            engine => engine.AddProgrammeWorkflows(),
            s =>
            {
                services?.Invoke(s);
                s.AddProgrammeWorkflows();
            },
            start));

    public T Service<T>()
        where T : notnull => Host.Services.GetRequiredService<T>();

    public Actor Actor(string personId) =>
        (Directory.FindAsync(personId).GetAwaiter().GetResult() ?? throw new InvalidOperationException($"No person {personId}")).ToActor();

    public async Task<DecisionResult> DecideAsync(
        string taskId,
        string personId,
        DecisionKind kind,
        string? comment = null,
        IReadOnlyList<string>? reasons = null,
        IReadOnlyDictionary<string, string>? attributes = null,
        IReadOnlyList<string>? conditions = null,
        DecisionChannel channel = DecisionChannel.Web)
    {
        var result = await Decisions.DecideAsync(new DecisionCommand
        {
            TaskId = taskId,
            Actor = Actor(personId),
            Decision = kind,
            Comment = comment,
            ReasonCodes = reasons ?? [],
            Attributes = attributes ?? new Dictionary<string, string>(),
            Conditions = conditions ?? [],
            Channel = channel,
        });
        await Host.RunUntilIdleAsync();
        return result;
    }

    /// <summary>Decides the only open task of <paramref name="personId"/> in the case.</summary>
    public async Task<DecisionResult> DecideOpenAsync(string caseId, string personId, DecisionKind kind, string? comment = null, IReadOnlyList<string>? reasons = null, IReadOnlyDictionary<string, string>? attributes = null, IReadOnlyList<string>? conditions = null)
    {
        var task = (await OpenTasksOfCaseAsync(caseId)).Single(t => t.AssigneeId == personId || t.DelegateId == personId);
        var result = await DecideAsync(task.TaskId, personId, kind, comment, reasons, attributes, conditions);
        Assert.True(result.Status == DecisionStatus.Recorded, $"Decision by {personId} on {task.Step}: {result.Status} {string.Join(';', result.Errors?.Select(e => e.Field + ":" + e.Code) ?? [])}");
        return result;
    }

    /// <summary>Decides every open task of <paramref name="personId"/> in the case (optionally one step only).</summary>
    public async Task DecideAllAsync(string caseId, string personId, DecisionKind kind = DecisionKind.Approve, string? step = null)
    {
        foreach (var task in (await OpenTasksOfCaseAsync(caseId)).Where(t => (t.AssigneeId == personId || t.DelegateId == personId) && (step is null || t.Step == step)))
        {
            var result = await DecideAsync(task.TaskId, personId, kind, kind == DecisionKind.Approve ? null : "reason given");
            Assert.True(result.Status == DecisionStatus.Recorded, $"{personId} on {task.Step}: {result.Status}");
        }
    }

    /// <summary>Approves every open approval task of the case (filling required attributes) until none is left; returns how many.</summary>
    public async Task<int> ApproveAllOpenAsync(string caseId, string riskLevel = "Medium", Func<ApprovalTask, bool>? filter = null)
    {
        var count = 0;
        while ((await OpenTasksOfCaseAsync(caseId)).FirstOrDefault(t => t.Kind == ApprovalTaskKind.Approval && t.AssigneeId is not null && (filter?.Invoke(t) ?? true)) is { } task)
        {
            var attributes = task.RequiredAttributes.ToDictionary(a => a, a => a == "riskLevel" ? riskLevel : a == "legalTrack" ? "NoProsecution" : "ref-1");
            var result = await DecideAsync(task.TaskId, task.AssigneeId!, DecisionKind.Approve, attributes: attributes);
            Assert.True(result.Status == DecisionStatus.Recorded, $"{task.AssigneeId} on {task.Step}: {result.Status}");
            count++;
        }

        return count;
    }

    public async Task<IReadOnlyList<ApprovalTask>> OpenTasksOfCaseAsync(string caseId) =>
        (await Tasks.ListByCaseAsync(caseId)).Where(t => t.IsOpen).ToList();

    public async Task<IReadOnlyList<ApprovalTask>> OpenTasksAsync(string caseId, string step) =>
        (await OpenTasksOfCaseAsync(caseId)).Where(t => t.Step == step).ToList();

    public async Task<OrchestrationState> StateAsync(string instanceId) => await Host.GetStateAsync(instanceId);

    public async Task AssertRunningAsync(string instanceId)
    {
        var state = await StateAsync(instanceId);
        Assert.True(state.RuntimeStatus is OrchestrationRuntimeStatus.Running or OrchestrationRuntimeStatus.Pending, $"{instanceId} is {state.RuntimeStatus}: {state.FailureDetails}");
    }

    public async Task<WorkflowStatus> StatusAsync(string instanceId) => (await Host.GetCustomStatusAsync<WorkflowStatus>(instanceId))!;

    public ValueTask DisposeAsync() => Host.DisposeAsync();
}
