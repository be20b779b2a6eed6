using Workflows.Approvals;
using Workflows.Audit;
using Workflows.Policies;
using Workflows.Tests.Support;
using static Workflows.Tests.Support.Approvals;

namespace Workflows.Tests.Approvals;

/// <summary>
/// Each stage of a sequential step on its own timing. The virtual clock starts on Monday 5 January 2026,
/// 09:00 UTC; the calendar has a Saturday–Sunday weekend and no holidays.
/// </summary>
public sealed class SequentialStageTests : IAsyncLifetime
{
    private readonly DomainHost _host = DomainHost.Create();

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public ValueTask DisposeAsync() => _host.DisposeAsync();

    private static DateTimeOffset January(int day) => new(2026, 1, day, 9, 0, 0, TimeSpan.Zero);

    /// <summary>Director, then central administration; the step's chain reassigns to the deputy director.</summary>
    private static StepPolicy DirectorThenCentral(StagePolicy central, ExhaustedRule? exhausted = null) => new()
    {
        Mode = ApprovalMode.Sequential,
        Approvers = [new ApproverRule(Roles.PrisonDirector), new ApproverRule(Roles.CentralAdministration, ScopeLevel.Central)],
        Deadline = Duration.WorkingDays(5),
        Escalations = [new EscalationLevel { At = Duration.WorkingDays(5), Action = EscalationAction.Reassign, Role = Roles.DeputyDirector }],
        Exhausted = exhausted ?? new ExhaustedRule { At = Duration.WorkingDays(15) },
        Stages = new Dictionary<string, StagePolicy> { [Roles.CentralAdministration] = central },
    };

    [Fact]
    public async Task AStageThatSetsNoEscalations_IsNotEscalatedByTheStepsChain()
    {
        var (_, caseId) = await StartAsync(_host, DirectorThenCentral(new StagePolicy { Escalations = [] }));
        await _host.DecideOpenAsync(caseId, "director.almaty", DecisionKind.Approve);

        // The step's chain would reassign at 5 working days: Monday 12 January.
        await _host.Host.AdvanceToAsync(January(12));

        Assert.Equal("centraladmin.central", Assert.Single(await _host.OpenTasksOfCaseAsync(caseId)).AssigneeId);
        Assert.DoesNotContain(_host.Audit.All, e => e.CaseId == caseId && e.Action == AuditActions.Escalated);
    }

    [Fact]
    public async Task DefaultApprovalOfTheDirectorsStage_PassesTheStepToCentralAdministration_WhoStillDecide()
    {
        var exhausted = new ExhaustedRule { At = Duration.WorkingDays(10), Action = ExhaustedAction.Decide, Approve = true, AuthorityRole = Roles.DeputyDirector };
        var central = new StagePolicy { Deadline = Duration.WorkingDays(3), Exhausted = new ExhaustedRule { At = Duration.WorkingDays(6) } };
        var (id, caseId) = await StartAsync(_host, DirectorThenCentral(central, exhausted));

        // Ten working days: Monday 19 January. The deputy holds the director's task by then.
        await _host.Host.AdvanceToAsync(January(19));

        await _host.AssertRunningAsync(id);
        var task = Assert.Single(await _host.OpenTasksOfCaseAsync(caseId));
        Assert.Equal(("centraladmin.central", January(22)), (task.AssigneeId, task.Due));
        Assert.Contains(_host.Audit.All, e => e.CaseId == caseId && e.Action == AuditActions.DefaultDecision && e.Role == Roles.DeputyDirector && e.Reason == "Approved");
        Assert.Equal(ApprovalTaskStatus.Cancelled, Assert.Single(await _host.Tasks.ListByCaseAsync(caseId), t => t.Role == Roles.PrisonDirector).Status);

        await _host.DecideOpenAsync(caseId, "centraladmin.central", DecisionKind.Reject, "Placement unsafe for the group.");
        Assert.Equal(ApprovalResult.Rejected, (await OutcomeAsync(_host, id)).Result);
    }
}
