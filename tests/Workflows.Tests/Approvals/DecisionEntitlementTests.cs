using Microsoft.Extensions.DependencyInjection;
using Workflows.Approvals;
using Workflows.Audit;
using Workflows.People;
using Workflows.Tests.Support;
using static Workflows.Tests.Support.Approvals;

namespace Workflows.Tests.Approvals;

/// <summary>Entitlement is checked when the decision arrives, not only when the task was assigned.</summary>
public sealed class DecisionEntitlementTests : IAsyncLifetime
{
    private readonly ChangingDirectory _directory = new();
    private readonly DomainHost _host;

    public DecisionEntitlementTests() => _host = DomainHost.Create(s => s.AddSingleton<IPersonDirectory>(_directory));

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public ValueTask DisposeAsync() => _host.DisposeAsync();

    [Fact]
    public async Task AssigneeWhoHasLostTheRole_IsNotEntitled_AndTheTaskStaysOpen()
    {
        var (id, caseId) = await StartAsync(_host, OneCoordinator());
        var task = Assert.Single(await _host.OpenTasksOfCaseAsync(caseId));
        var coordinator = _host.Actor("coordinator.almaty");

        _directory.TakeRole("coordinator.almaty", Roles.ProgrammeCoordinator);
        var result = await DecideAsync(task.TaskId, coordinator);

        Assert.Equal(DecisionStatus.NotEntitled, result.Status);
        Assert.True((await _host.Tasks.GetAsync(task.TaskId))!.IsOpen);
        await _host.AssertRunningAsync(id);
        Assert.Contains(_host.Audit.All, e => e.CaseId == caseId && e.Action == AuditActions.DecisionRefusedNotEntitled && e.ActorId == "coordinator.almaty");
    }

    [Fact]
    public async Task AssigneeMovedToAnotherFacility_IsNotEntitled()
    {
        var (_, caseId) = await StartAsync(_host, OneCoordinator());
        var task = Assert.Single(await _host.OpenTasksOfCaseAsync(caseId));
        var coordinator = _host.Actor("coordinator.almaty");

        _directory.MoveTo("coordinator.almaty", Roles.ProgrammeCoordinator, "kostanay");

        Assert.Equal(DecisionStatus.NotEntitled, (await DecideAsync(task.TaskId, coordinator)).Status);
    }

    [Fact]
    public async Task DelegateNoLongerInTheDirectory_IsNotEntitled()
    {
        var (_, caseId) = await StartAsync(_host, OneCoordinator());
        var task = Assert.Single(await _host.OpenTasksOfCaseAsync(caseId));
        await _host.Decisions.DelegateAsync(task.TaskId, _host.Actor("coordinator.almaty"), "psychologist.almaty");
        var delegateActor = _host.Actor("psychologist.almaty");

        _directory.Remove("psychologist.almaty");

        Assert.Equal(DecisionStatus.NotEntitled, (await DecideAsync(task.TaskId, delegateActor)).Status);
    }

    [Fact]
    public async Task DelegateOfAnAssigneeWhoHasLostTheRole_IsNotEntitled()
    {
        var (_, caseId) = await StartAsync(_host, OneCoordinator());
        var task = Assert.Single(await _host.OpenTasksOfCaseAsync(caseId));
        await _host.Decisions.DelegateAsync(task.TaskId, _host.Actor("coordinator.almaty"), "psychologist.almaty");

        _directory.TakeRole("coordinator.almaty", Roles.ProgrammeCoordinator);

        Assert.Equal(DecisionStatus.NotEntitled, (await DecideAsync(task.TaskId, _host.Actor("psychologist.almaty"))).Status);
    }

    [Fact]
    public async Task AssigneeStillHoldingTheRole_Decides()
    {
        var (id, caseId) = await StartAsync(_host, OneCoordinator());
        var task = Assert.Single(await _host.OpenTasksOfCaseAsync(caseId));

        _directory.TakeRole("coordinator.almaty", Roles.Psychologist);

        Assert.Equal(DecisionStatus.Recorded, (await DecideAsync(task.TaskId, _host.Actor("coordinator.almaty"))).Status);
        Assert.Equal(ApprovalResult.Approved, (await OutcomeAsync(_host, id)).Result);
    }

    private async Task<DecisionResult> DecideAsync(string taskId, Actor actor)
    {
        var result = await _host.Decisions.DecideAsync(new DecisionCommand { TaskId = taskId, Actor = actor, Decision = DecisionKind.Approve, Channel = DecisionChannel.Teams });
        await _host.Host.RunUntilIdleAsync();
        return result;
    }
}
