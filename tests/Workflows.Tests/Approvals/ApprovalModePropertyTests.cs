using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Workflows.Approvals;
using Workflows.Engine;
using Workflows.Policies;
using Workflows.Tests.Support;

namespace Workflows.Tests.Approvals;

/// <summary>
/// For random approver sets, modes, quorums, veto and required roles, an escalation that adds the
/// director, and decision sequences with repeated decisions, redelivered signals and decisions after the
/// outcome, the approval orchestration driven through the decision service ends exactly as
/// <see cref="ModeOracle"/> — a plain function of the decisions, sharing no code with the orchestration — says.
/// </summary>
public sealed class ApprovalModePropertyTests
{
    [Property(MaxTest = 120, Arbitrary = [typeof(Scenarios)])]
    public bool Orchestration_EndsAsThePlainOracleSays(ModeScenario scenario) =>
        Task.Run(() => RunAsync(scenario)).GetAwaiter().GetResult();

    public static class Scenarios
    {
        public static Arbitrary<ModeScenario> Generate() =>
            (from mode in Gen.Elements(ApprovalMode.Any, ApprovalMode.All, ApprovalMode.Quorum, ApprovalMode.Majority, ApprovalMode.Sequential)
             from count in Gen.Choose(1, ModeScenario.Pool.Length)
             from order in Gen.Shuffle(Enumerable.Range(0, ModeScenario.Pool.Length).ToArray())
             from quorum in Gen.Choose(1, count)
             from veto in Gen.Elements(true, false)
             from useRequired in Gen.Elements(false, true)
             from requiredMask in Gen.Choose(1, (1 << count) - 1)
             from attempts in Gen.ListOf(Attempt(count)).Select(l => l.Take(10).ToArray())
             select new ModeScenario(
                 mode,
                 quorum,
                 veto,
                 order.Take(count).ToArray(),
                 useRequired && mode is ApprovalMode.Quorum or ApprovalMode.Majority ? Enumerable.Range(0, count).Where(i => (requiredMask & (1 << i)) != 0).ToArray() : [],
                 attempts)).ToArbitrary();

        private static Gen<ModeAttempt> Attempt(int count) =>
            Gen.Frequency(
                (8, from slot in Gen.Choose(-1, count - 1)
                    from kind in Gen.Elements(DecisionKind.Approve, DecisionKind.ApproveWithConditions, DecisionKind.Reject, DecisionKind.Veto)
                    select new ModeAttempt(ModeMove.Decide, slot, kind)),
                (1, Gen.Constant(new ModeAttempt(ModeMove.Escalate, 0, DecisionKind.Approve))),
                (1, Gen.Constant(new ModeAttempt(ModeMove.Redeliver, 0, DecisionKind.Approve))));
    }

    private static async Task<bool> RunAsync(ModeScenario scenario)
    {
        await using var host = DomainHost.Create();
        var named = scenario.People;
        var policy = new StepPolicy
        {
            Mode = scenario.Mode,
            Quorum = scenario.Mode == ApprovalMode.Quorum ? scenario.Quorum : null,
            Approvers = [new ApproverRule(Roles.ProgrammeCoordinator)],
            VetoRoles = scenario.SecurityVetoes ? [Roles.SecurityOfficer] : [],
            RequiredRoles = scenario.RequiredRoles,
            AllowConditions = true,
            Deadline = Duration.Days(30),
            Escalations = [new EscalationLevel { At = Duration.Days(ModeScenario.EscalationDays), Action = EscalationAction.AddApprover, Role = Roles.PrisonDirector }],
        };
        var (instanceId, caseId) = await Support.Approvals.StartAsync(host, policy, requester: "referrer.almaty", named: named);

        var escalated = false;
        string? lastDecidedTaskId = null;
        foreach (var attempt in scenario.Attempts)
        {
            switch (attempt.Move)
            {
                case ModeMove.Escalate when !escalated:
                    escalated = true;
                    await host.Host.AdvanceAsync(TimeSpan.FromDays(ModeScenario.EscalationDays));
                    break;
                case ModeMove.Redeliver when lastDecidedTaskId is not null:
                    await RedeliverAsync(host, instanceId, lastDecidedTaskId);
                    break;
                case ModeMove.Decide:
                    var person = attempt.Slot < 0 ? ModeScenario.Director : named[attempt.Slot];
                    var task = (await host.Tasks.ListByCaseAsync(caseId)).FirstOrDefault(t => t.AssigneeId == person);
                    if (task is null)
                    {
                        // Nothing to decide yet (a later stage, or the director before the escalation).
                        continue;
                    }

                    var kind = scenario.KindFor(attempt);
                    var rejects = kind is DecisionKind.Reject or DecisionKind.Veto;
                    var result = await host.DecideAsync(task.TaskId, person, kind, rejects ? "comment" : null, rejects ? ["security-concern"] : [], conditions: ["condition"]);
                    if (result.Status == DecisionStatus.Invalid)
                    {
                        throw new InvalidOperationException($"Unexpected invalid decision: {string.Join(';', result.Errors!.Select(e => e.Field + ":" + e.Code))}");
                    }

                    if (result.Status == DecisionStatus.Recorded)
                    {
                        lastDecidedTaskId = task.TaskId;
                    }

                    break;
            }
        }

        var expected = ModeOracle.Run(scenario);
        var state = await host.StateAsync(instanceId);
        if (expected.Result is null)
        {
            return state.RuntimeStatus == OrchestrationRuntimeStatus.Running;
        }

        var outcome = await host.Host.GetOutputAsync<ApprovalOutcome>(instanceId);
        var countedTasks = outcome!.Decisions.Select(d => d.TaskId).ToHashSet();
        var tasks = await host.Tasks.ListByCaseAsync(caseId);
        return state.RuntimeStatus == OrchestrationRuntimeStatus.Completed
            && outcome.Result == expected.Result
            && outcome.Decisions.Select(d => d.ActorId).SequenceEqual(expected.Counted)
            && tasks.Where(t => countedTasks.Contains(t.TaskId)).All(t => t.Status == ApprovalTaskStatus.Decided)
            && tasks.All(t => !t.IsOpen);
    }

    /// <summary>Delivers a recorded decision's signal again with its own id, as a retried raise would.</summary>
    private static async Task RedeliverAsync(DomainHost host, string instanceId, string taskId)
    {
        var task = (await host.Tasks.GetAsync(taskId))!;
        var signal = new ApprovalSignal
        {
            Kind = SignalKind.Decision,
            SignalId = task.DecisionId!,
            TaskId = task.TaskId,
            Decision = task.Decision,
            ActorId = task.DecidedBy,
            At = task.DecidedAt!.Value,
            ReasonCodes = task.ReasonCodes,
        };
        try
        {
            await host.Host.Client.RaiseEventAsync(instanceId, ApprovalSignal.EventName, signal, signal.SignalId);
        }
        catch (OrchestrationException ex) when (ex.ErrorCode is OrchestrationErrorCode.InstanceCompleted)
        {
            return;
        }

        await host.Host.RunUntilIdleAsync();
    }
}
