using System.Globalization;

namespace Workflows.Policies;

/// <summary>Checks a resolved workflow policy; every message names the bad entry.</summary>
internal static class PolicyValidator
{
    public static void Validate(WorkflowPolicy policy, string path)
    {
        if (!PolicyRequirements.ByWorkflow.TryGetValue(policy.Workflow, out var needs))
        {
            throw new PolicyException($"{path}: unknown workflow");
        }

        foreach (var step in needs.Steps.Where(s => !policy.Steps.ContainsKey(s)))
        {
            throw new PolicyException($"{path}.steps.{step}: missing; the workflow needs this step");
        }

        foreach (var timer in needs.Timers.Where(t => !policy.Timers.ContainsKey(t)))
        {
            throw new PolicyException($"{path}.timers.{timer}: missing; the workflow needs this timer");
        }

        foreach (var schedule in needs.Schedules.Where(s => !policy.Schedules.ContainsKey(s)))
        {
            throw new PolicyException($"{path}.schedules.{schedule}: missing; the workflow needs this schedule");
        }

        foreach (var code in policy.ReasonCodes)
        {
            if (ReasonCodes.IsForbidden(code))
            {
                throw new PolicyException($"{path}.reasonCodes: '{code}' is forbidden; religion, ethnicity or nationality can never be a reason code");
            }
        }

        foreach (var (name, step) in policy.Steps)
        {
            ValidateStep(step, $"{path}.steps.{name}");
        }
    }

    private static void ValidateStep(StepPolicy step, string path)
    {
        if (step.Approvers.Count == 0)
        {
            throw new PolicyException($"{path}.approvers: at least one approver rule is needed");
        }

        for (var i = 0; i < step.Approvers.Count; i++)
        {
            RequireRole(step.Approvers[i].Role, Indexed(path, "approvers", i) + ".role");
        }

        foreach (var role in step.VetoRoles.Concat(step.RequiredRoles))
        {
            RequireRole(role, $"{path}.vetoRoles");
        }

        if (step.Mode == ApprovalMode.Quorum && step.Quorum is not > 0)
        {
            throw new PolicyException($"{path}.quorum: a quorum step needs a quorum of at least 1");
        }

        if (step.Mode != ApprovalMode.Quorum && step.Quorum is not null)
        {
            throw new PolicyException($"{path}.quorum: only a step in Quorum mode takes a quorum");
        }

        if (step.Deadline.Value <= 0)
        {
            throw new PolicyException($"{path}.deadline: must be positive");
        }

        for (var i = 0; i < step.Escalations.Count; i++)
        {
            var level = step.Escalations[i];
            var levelPath = Indexed(path, "escalations", i);
            if (level.ToManager == (level.Role is not null))
            {
                throw new PolicyException($"{levelPath}: name either a role or toManager");
            }

            if (level.Role is not null)
            {
                RequireRole(level.Role, levelPath + ".role");
            }
        }

        if (step.TieBreaker is { } tie)
        {
            RequireRole(tie.Role, $"{path}.tieBreaker.role");
        }

        if (step.Exhausted is { Action: ExhaustedAction.Decide, AuthorityRole: null })
        {
            throw new PolicyException($"{path}.exhausted.authorityRole: a default decision needs the authority in whose name it is recorded");
        }
    }

    private static string Indexed(string path, string list, int i) => string.Create(CultureInfo.InvariantCulture, $"{path}.{list}[{i}]");

    private static void RequireRole(string role, string path)
    {
        if (!Roles.All.Contains(role))
        {
            throw new PolicyException($"{path}: unknown role '{role}'");
        }
    }
}
