using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Workflows.Approvals;
using Workflows.Policies;
using Workflows.Tests.Support;

namespace Workflows.Tests.Approvals;

/// <summary>
/// For random approver sets, modes, veto roles and decision sequences (with duplicates and decisions
/// after the outcome), the approval orchestration driven through the decision service ends exactly as
/// <see cref="ApprovalOutcomeRule.Evaluate"/> says.
/// </summary>
public sealed class ApprovalModePropertyTests
{
    private static readonly string[] Pool = ["coordinator.almaty", "psychologist.almaty", "socialworker.almaty", "security.almaty", "education.almaty"];

    public sealed record Scenario(ApprovalMode Mode, int Quorum, bool SecurityVetoes, int[] Approvers, (int Slot, DecisionKind Kind)[] Attempts)
    {
        public override string ToString() =>
            $"{Mode} q={Quorum} veto={SecurityVetoes} approvers=[{string.Join(',', Approvers.Select(a => Pool[a]))}] attempts=[{string.Join(", ", Attempts.Select(a => $"{a.Slot}:{a.Kind}"))}]";
    }

    public static class Scenarios
    {
        public static Arbitrary<Scenario> Generate() =>
            (from mode in Gen.Elements(ApprovalMode.Any, ApprovalMode.All, ApprovalMode.Quorum, ApprovalMode.Majority, ApprovalMode.Sequential)
             from count in Gen.Choose(1, Pool.Length)
             from order in Gen.Shuffle(Enumerable.Range(0, Pool.Length).ToArray())
             from quorum in Gen.Choose(1, count)
             from veto in Gen.Elements(true, false)
             from attempts in Gen.ListOf(
                 from slot in Gen.Choose(0, count - 1)
                 from kind in Gen.Elements(DecisionKind.Approve, DecisionKind.ApproveWithConditions, DecisionKind.Reject, DecisionKind.Veto)
                 select (slot, kind)).Select(l => l.Take(9).ToArray())
             select new Scenario(mode, quorum, veto, order.Take(count).ToArray(), attempts)).ToArbitrary();
    }

    [Property(MaxTest = 120, Arbitrary = [typeof(Scenarios)])]
    public bool Orchestration_EndsAsTheOutcomeRuleSays(Scenario scenario) =>
        Task.Run(() => RunAsync(scenario)).GetAwaiter().GetResult();

    private static async Task<bool> RunAsync(Scenario scenario)
    {
        await using var host = DomainHost.Create();
        var policy = new StepPolicy
        {
            Mode = scenario.Mode,
            Quorum = scenario.Mode == ApprovalMode.Quorum ? scenario.Quorum : null,
            Approvers = [new ApproverRule(Roles.ProgrammeCoordinator)],
            VetoRoles = scenario.SecurityVetoes ? [Roles.SecurityOfficer] : [],
            AllowConditions = true,
            Deadline = Duration.Days(30),
        };
        var named = scenario.Approvers.Select(i => Pool[i]).ToList();
        var (instanceId, caseId) = await Support.Approvals.StartAsync(host, policy, requester: "referrer.almaty", named: named);
        var slots = named.Select((person, index) => new ApprovalSlot
        {
            Index = index,
            Role = host.Actor(person).Roles[0].Role,
            Stage = scenario.Mode == ApprovalMode.Sequential ? index : 0,
            Veto = scenario.SecurityVetoes && person == "security.almaty",
        }).ToList();
        var spec = new ApprovalRuleSpec(policy.Mode, policy.Quorum, slots, policy.RequiredRoles);

        var accepted = new List<(int, DecisionKind)>();
        foreach (var (slot, rawKind) in scenario.Attempts)
        {
            var kind = rawKind == DecisionKind.Veto && !slots[slot].Veto ? DecisionKind.Reject : rawKind;
            var task = (await host.Tasks.ListByCaseAsync(caseId)).FirstOrDefault(t => t.SlotIndex == slot);
            accepted.Add((slot, kind));
            if (task is null)
            {
                continue;
            }

            var result = await host.DecideAsync(task.TaskId, named[slot], kind, "comment", kind == DecisionKind.Veto ? ["security-concern"] : [], conditions: ["condition"]);
            if (result.Status == DecisionStatus.Invalid)
            {
                throw new InvalidOperationException($"Unexpected invalid decision: {string.Join(';', result.Errors!.Select(e => e.Field + ":" + e.Code))}");
            }
        }

        var expected = ApprovalOutcomeRule.Evaluate(spec, accepted);
        var state = await host.StateAsync(instanceId);
        if (expected.Result is null)
        {
            return state.RuntimeStatus == Engine.OrchestrationRuntimeStatus.Running;
        }

        var outcome = await host.Host.GetOutputAsync<ApprovalOutcome>(instanceId);
        return state.RuntimeStatus == Engine.OrchestrationRuntimeStatus.Completed
            && outcome!.Result == expected.Result
            && outcome.Decisions.Count == expected.Counted.Count;
    }
}
