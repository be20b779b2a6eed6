using Workflows.Approvals;
using Workflows.Cases;
using Workflows.Policies;

namespace Workflows.Tests.Support;

/// <summary>Starts the approval orchestration on its own, for a case created here.</summary>
public static class Approvals
{
    public static readonly IReadOnlyList<string> Catalogue = ["violent-incident", "security-concern", "insufficient-evidence"];

    public static async Task<(string InstanceId, string CaseId)> StartAsync(DomainHost host, StepPolicy policy, string requester = "referrer.almaty", IReadOnlyList<string>? excluded = null, WorkingCalendar? calendar = null, DateTimeOffset? expiresAt = null, IReadOnlyList<string>? named = null, bool femaleSubject = false)
    {
        var caseId = "case-" + Guid.NewGuid().ToString("N")[..10];
        await host.Cases.CreateAsync(new CaseRecord { CaseId = caseId, Reference = caseId.ToUpperInvariant(), Workflow = "referral", FacilityId = "almaty", RegionId = "south", RequesterId = requester, SubjectId = "prisoner-1" });
        var request = new ApprovalRequest
        {
            Workflow = "referral",
            Step = "testStep",
            CaseId = caseId,
            CaseReference = caseId.ToUpperInvariant(),
            FacilityId = "almaty",
            RegionId = "south",
            RequesterId = requester,
            Policy = policy,
            Calendar = calendar ?? WorkingCalendar.Default,
            ReasonCatalogue = Catalogue,
            ExcludedUserIds = excluded ?? [requester],
            ExpiresAt = expiresAt,
            NamedApproverIds = named,
            FemaleSubject = femaleSubject,
        };
        var id = await host.Host.StartAsync(ApprovalOrchestration.Name, request, new Engine.Client.StartOrchestrationOptions { InstanceId = "approval-" + caseId });
        return (id, caseId);
    }

    public static StepPolicy OneCoordinator(string role = Roles.ProgrammeCoordinator) => new()
    {
        Approvers = [new ApproverRule(role)],
        Deadline = Duration.WorkingDays(5),
        Reminders = [Duration.WorkingDays(3)],
        Escalations = [new EscalationLevel { At = Duration.WorkingDays(6), Action = EscalationAction.Reassign, Role = Roles.HeadOfRehabilitation, Scope = ScopeLevel.Region }],
        AllowClarification = true,
    };

    public static async Task<ApprovalOutcome> OutcomeAsync(DomainHost host, string instanceId)
    {
        var state = await host.StateAsync(instanceId);
        Assert.True(state.RuntimeStatus == Engine.OrchestrationRuntimeStatus.Completed, $"{instanceId} is {state.RuntimeStatus}: {state.FailureDetails}");
        return (await host.Host.GetOutputAsync<ApprovalOutcome>(instanceId))!;
    }
}
