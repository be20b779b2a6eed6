using Workflows.Policies;
using Workflows.Tests.Support;
using static Workflows.Tests.Support.Approvals;

namespace Workflows.Tests.Approvals;

/// <summary>
/// Safeguard 7 through escalation: a women-only step's tasks move only to women. At Almaty the risk
/// assessors 1 and 3 are women; the deputy director is a man and nobody else holds that role.
/// </summary>
public sealed class WomenStaffEscalationTests : IAsyncLifetime
{
    private readonly DomainHost _host = DomainHost.Create();

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public ValueTask DisposeAsync() => _host.DisposeAsync();

    private static StepPolicy AssessorReassignedToTheDeputy() => new()
    {
        Approvers = [new ApproverRule(Roles.RiskAssessor)],
        WomenStaffForWomen = true,
        Deadline = Duration.Days(10),
        Escalations = [new EscalationLevel { At = Duration.Days(10), Action = EscalationAction.Reassign, Role = Roles.DeputyDirector }],
    };

    [Fact]
    public async Task ReassignEscalation_OfAWomenOnlyTask_NeverMovesItToAMan()
    {
        var (_, caseId) = await StartAsync(_host, AssessorReassignedToTheDeputy(), femaleSubject: true);

        await _host.Host.AdvanceAsync(TimeSpan.FromDays(10));

        Assert.Equal(new HashSet<string?> { "assessor1.almaty", "assessor3.almaty" }, (await _host.OpenTasksOfCaseAsync(caseId)).Select(t => t.AssigneeId).ToHashSet());
    }

    [Fact]
    public async Task ReassignEscalation_ForAMaleSubject_MovesTheTasksToTheDeputy()
    {
        var (_, caseId) = await StartAsync(_host, AssessorReassignedToTheDeputy());

        await _host.Host.AdvanceAsync(TimeSpan.FromDays(10));

        Assert.All(await _host.OpenTasksOfCaseAsync(caseId), t => Assert.Equal("deputy.almaty", t.AssigneeId));
    }
}
