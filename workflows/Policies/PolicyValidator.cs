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

        for (var i = 0; i < step.VetoRoles.Count; i++)
        {
            RequireRole(step.VetoRoles[i], Indexed(path, "vetoRoles", i));
        }

        for (var i = 0; i < step.RequiredRoles.Count; i++)
        {
            RequireRole(step.RequiredRoles[i], Indexed(path, "requiredRoles", i));
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

        ValidateExhausted(step, path);
    }

    /// <summary>Every step ends by itself: without an exhausted rule a step whose approvers never answer would wait forever.</summary>
    private static void ValidateExhausted(StepPolicy step, string path)
    {
        if (step.Exhausted is not { } exhausted)
        {
            throw new PolicyException($"{path}.exhausted: missing; every step needs an exhausted rule (expire, or decide by a default authority) so that it cannot wait forever");
        }

        var exhaustedPath = path + ".exhausted";
        if (exhausted.At.Value <= 0)
        {
            throw new PolicyException($"{exhaustedPath}.at: must be positive");
        }

        // Durations in different units (working days against days) cannot be ordered without a date; same units can.
        if (exhausted.At.Unit == step.Deadline.Unit && exhausted.At.Value < step.Deadline.Value)
        {
            throw new PolicyException($"{exhaustedPath}.at: {exhausted.At} comes before the deadline ({step.Deadline})");
        }

        for (var i = 0; i < step.Escalations.Count; i++)
        {
            var level = step.Escalations[i].At;
            if (exhausted.At.Unit == level.Unit && exhausted.At.Value < level.Value)
            {
                throw new PolicyException($"{exhaustedPath}.at: {exhausted.At} comes before {Indexed(path, "escalations", i)} ({level}); the chain ends after its last level");
            }
        }

        if (exhausted.Action == ExhaustedAction.Decide)
        {
            if (exhausted.AuthorityRole is null)
            {
                throw new PolicyException($"{exhaustedPath}.authorityRole: a default decision needs the authority in whose name it is recorded");
            }

            RequireRole(exhausted.AuthorityRole, exhaustedPath + ".authorityRole");
            if (exhausted.Approve && step.RequiredAttributes.Count > 0)
            {
                throw new PolicyException($"{exhaustedPath}.approve: a default approval cannot record {string.Join(", ", step.RequiredAttributes)}; expire the step or reject by default");
            }
        }

        if (exhausted.Notify is { } notify)
        {
            RequireRole(notify, exhaustedPath + ".notify");
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
