namespace Workflows.Policies;

/// <summary>
/// The policy of one approval step: approvers, mode, deadline, reminders, escalation chain and what
/// happens when it is exhausted. Resolved at intake and carried in the orchestration input, so a
/// running instance keeps the policy it started with.
/// </summary>
public sealed record StepPolicy
{
    public ApprovalMode Mode { get; init; } = ApprovalMode.Any;

    /// <summary>For <see cref="ApprovalMode.Quorum"/>: how many must agree.</summary>
    public int? Quorum { get; init; }

    public IReadOnlyList<ApproverRule> Approvers { get; init; } = [];

    /// <summary>Roles whose rejection (or veto) ends the step whatever the mode.</summary>
    public IReadOnlyList<string> VetoRoles { get; init; } = [];

    /// <summary>Roles whose approval is needed for a quorum to approve (concurrence).</summary>
    public IReadOnlyList<string> RequiredRoles { get; init; } = [];

    public Duration Deadline { get; init; } = Duration.Days(14);

    /// <summary>Reminder times, each after the step (or stage) started.</summary>
    public IReadOnlyList<Duration> Reminders { get; init; } = [];

    public IReadOnlyList<EscalationLevel> Escalations { get; init; } = [];

    /// <summary>Null when the chain never ends the step by itself.</summary>
    public ExhaustedRule? Exhausted { get; init; }

    /// <summary>Whom a quorum disagreement goes to; their decision settles the step.</summary>
    public ApproverRule? TieBreaker { get; init; }

    public bool AllowConditions { get; init; }

    public bool AllowClarification { get; init; }

    public Duration ClarificationDeadline { get; init; } = Duration.WorkingDays(5);

    /// <summary>Attributes an approval must carry (e.g. <c>riskLevel</c>, <c>manifestReference</c>).</summary>
    public IReadOnlyList<string> RequiredAttributes { get; init; } = [];

    /// <summary>
    /// The values an approval may give a required attribute (e.g. <c>riskLevel</c>: Low, Medium, High). Approvers
    /// who give different values of such an attribute disagree; an attribute without an entry takes any short value.
    /// </summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> AttributeValues { get; init; } = new Dictionary<string, IReadOnlyList<string>>();

    /// <summary>
    /// Assignment rule (safeguard 7, women staff for women prisoners): when the case's subject is a woman or
    /// girl, only women are assigned this step. Set on steps with direct contact with the person.
    /// </summary>
    public bool WomenStaffForWomen { get; init; }

    /// <summary>
    /// For a <see cref="ApprovalMode.Sequential"/> step: the timing of the stages, keyed by the stage's
    /// approver role. A stage without an entry, and every field an entry leaves out, uses the step's.
    /// </summary>
    public IReadOnlyDictionary<string, StagePolicy> Stages { get; init; } = new Dictionary<string, StagePolicy>();

    /// <summary>The step's timing as it applies to the stage decided by <paramref name="role"/>.</summary>
    public StepPolicy ForStage(string role)
    {
        if (Mode != ApprovalMode.Sequential || !Stages.TryGetValue(role, out var stage))
        {
            return this;
        }

        return this with
        {
            Deadline = stage.Deadline ?? Deadline,
            Reminders = stage.Reminders ?? Reminders,
            Escalations = stage.Escalations ?? Escalations,
            Exhausted = stage.Exhausted ?? Exhausted,
        };
    }
}
