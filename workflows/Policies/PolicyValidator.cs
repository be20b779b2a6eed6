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

        if (step.TieBreaker is { } tie)
        {
            RequireRole(tie.Role, $"{path}.tieBreaker.role");
        }

        ValidateAttributeValues(step, path);
        ValidateTiming(step, path, own: null);
        ValidateStages(step, path);
    }

    /// <summary>
    /// Allowed values belong to required attributes; a risk level must be declared, and only with the
    /// levels the workflows know, so that no approval can record a level they cannot act on.
    /// </summary>
    private static void ValidateAttributeValues(StepPolicy step, string path)
    {
        if (step.AttributeValues is null)
        {
            throw new PolicyException($"{path}.attributeValues: must be an object of value lists (or be left out)");
        }

        foreach (var (attribute, values) in step.AttributeValues)
        {
            var valuesPath = $"{path}.attributeValues.{attribute}";
            if (!step.RequiredAttributes.Contains(attribute))
            {
                throw new PolicyException($"{valuesPath}: '{attribute}' is not one of the step's requiredAttributes");
            }

            if (values is null || values.Count == 0 || values.Any(string.IsNullOrWhiteSpace) || values.Distinct(StringComparer.Ordinal).Count() != values.Count)
            {
                throw new PolicyException($"{valuesPath}: list each allowed value once");
            }
        }

        if (!step.RequiredAttributes.Contains(PolicyRequirements.RiskLevelAttribute))
        {
            return;
        }

        var riskPath = $"{path}.attributeValues.{PolicyRequirements.RiskLevelAttribute}";
        if (!step.AttributeValues.TryGetValue(PolicyRequirements.RiskLevelAttribute, out var levels))
        {
            throw new PolicyException($"{riskPath}: missing; a step recording a risk level declares its values ({string.Join(", ", PolicyRequirements.RiskLevels)})");
        }

        if (levels.FirstOrDefault(l => !PolicyRequirements.RiskLevels.Contains(l)) is { } unknown)
        {
            throw new PolicyException($"{riskPath}: unknown risk level '{unknown}' (use {string.Join(", ", PolicyRequirements.RiskLevels)})");
        }
    }

    /// <summary>
    /// A sequential step's stages: keyed by one of its approver roles, each stage's timing (its own fields
    /// over the step's) checked like a step's, with messages naming the stage.
    /// </summary>
    private static void ValidateStages(StepPolicy step, string path)
    {
        if (step.Stages.Count == 0)
        {
            return;
        }

        if (step.Mode != ApprovalMode.Sequential)
        {
            throw new PolicyException($"{path}.stages: only a Sequential step has stages (this step is {step.Mode})");
        }

        foreach (var (role, stage) in step.Stages)
        {
            var stagePath = $"{path}.stages.{role}";
            if (!step.Approvers.Any(a => a.Role == role))
            {
                throw new PolicyException($"{stagePath}: '{role}' is not one of the step's approvers ({string.Join(", ", step.Approvers.Select(a => a.Role))})");
            }

            ValidateTiming(step.ForStage(role), stagePath, stage);
        }
    }

    /// <summary>
    /// Deadline, escalation chain and exhausted rule of a step, or of a stage (<paramref name="own"/> says
    /// which fields the stage sets; the others are the step's and are named as inherited).
    /// </summary>
    private static void ValidateTiming(StepPolicy timing, string path, StagePolicy? own)
    {
        var deadlinePath = Field(path, "deadline", own is null || own.Deadline is not null);
        if (timing.Deadline.Value <= 0)
        {
            throw new PolicyException($"{deadlinePath}: must be positive");
        }

        for (var i = 0; i < timing.Reminders.Count; i++)
        {
            if (timing.Reminders[i].Value <= 0)
            {
                throw new PolicyException($"{Field(Indexed(path, "reminders", i), string.Empty, own is null || own.Reminders is not null)}: must be positive");
            }
        }

        var escalationsOwn = own is null || own.Escalations is not null;
        for (var i = 0; i < timing.Escalations.Count; i++)
        {
            var level = timing.Escalations[i];
            var levelPath = Field(Indexed(path, "escalations", i), string.Empty, escalationsOwn);
            if (level.ToManager == (level.Role is not null))
            {
                throw new PolicyException($"{levelPath}: name either a role or toManager");
            }

            if (level.Role is not null)
            {
                RequireRole(level.Role, Field(Indexed(path, "escalations", i), "role", escalationsOwn));
            }
        }

        ValidateExhausted(timing, path, own);
    }

    /// <summary>Every step ends by itself: without an exhausted rule a step whose approvers never answer would wait forever.</summary>
    private static void ValidateExhausted(StepPolicy step, string path, StagePolicy? own)
    {
        if (step.Exhausted is not { } exhausted)
        {
            throw new PolicyException($"{path}.exhausted: missing; every step needs an exhausted rule (expire, or decide by a default authority) so that it cannot wait forever");
        }

        var exhaustedOwn = own is null || own.Exhausted is not null;
        var atPath = Field(path, "exhausted.at", exhaustedOwn);
        if (exhausted.At.Value <= 0)
        {
            throw new PolicyException($"{atPath}: must be positive");
        }

        // Durations in different units (working days against days) cannot be ordered without a date; same units can.
        if (exhausted.At.Unit == step.Deadline.Unit && exhausted.At.Value < step.Deadline.Value)
        {
            throw new PolicyException($"{atPath}: {exhausted.At} comes before the deadline ({step.Deadline})");
        }

        for (var i = 0; i < step.Escalations.Count; i++)
        {
            var level = step.Escalations[i].At;
            if (exhausted.At.Unit == level.Unit && exhausted.At.Value < level.Value)
            {
                throw new PolicyException($"{atPath}: {exhausted.At} comes before {Indexed(path, "escalations", i)} ({level}); the chain ends after its last level");
            }
        }

        if (exhausted.Action == ExhaustedAction.Decide)
        {
            if (exhausted.AuthorityRole is null)
            {
                throw new PolicyException($"{Field(path, "exhausted.authorityRole", exhaustedOwn)}: a default decision needs the authority in whose name it is recorded");
            }

            RequireRole(exhausted.AuthorityRole, Field(path, "exhausted.authorityRole", exhaustedOwn));
            if (exhausted.Approve && step.RequiredAttributes.Count > 0)
            {
                throw new PolicyException($"{Field(path, "exhausted.approve", exhaustedOwn)}: a default approval cannot record {string.Join(", ", step.RequiredAttributes)}; expire the step or reject by default");
            }
        }

        if (exhausted.Notify is { } notify)
        {
            RequireRole(notify, Field(path, "exhausted.notify", exhaustedOwn));
        }
    }

    /// <summary>The path of a field; a stage's field it does not set itself is the step's, and the message says so.</summary>
    private static string Field(string path, string field, bool own)
    {
        var full = field.Length == 0 ? path : $"{path}.{field}";
        return own ? full : full + " (inherited from the step)";
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
