namespace Workflows.PreRelease;

/// <summary>
/// What the planning conference agrees (step 3): actions with owner agency and due date, supervision
/// conditions each with legal basis and imposing authority, the contact schedule, contingency triggers
/// and the information-sharing list. Recorded as the plan's draft; plan approval seals it.
/// </summary>
public sealed record ReleasePlanContent
{
    public IReadOnlyList<PlanAction>? Actions { get; init; }

    public IReadOnlyList<SupervisionCondition>? SupervisionConditions { get; init; }

    public IReadOnlyList<PlanContact>? ContactSchedule { get; init; }

    public IReadOnlyList<PlanContingency>? ContingencyTriggers { get; init; }

    public IReadOnlyList<PlanDisclosure>? InformationSharing { get; init; }
}
