namespace Workflows.Approvals;

/// <summary>The result of an approval step.</summary>
public sealed record ApprovalOutcome
{
    public required ApprovalResult Result { get; init; }

    /// <summary>True when an approval came with conditions (their text is on the task rows).</summary>
    public bool WithConditions { get; init; }

    public IReadOnlyList<CountedDecision> Decisions { get; init; } = [];

    /// <summary>
    /// Attributes of the counted approvals (e.g. <c>riskLevel</c>). The approvers agreed on every attribute with
    /// values declared by the policy, or an authority (tie-breaker, escalation approver) settled them.
    /// </summary>
    public IReadOnlyDictionary<string, string> Attributes { get; init; } = new Dictionary<string, string>();

    /// <summary>Who settled it when it was not the approvers (e.g. the policy's default authority).</summary>
    public string? SettledBy { get; init; }

    public bool Disagreement { get; init; }

    public DateTimeOffset At { get; init; }

    public required string InstanceId { get; init; }

    public IReadOnlyList<string> TaskIds { get; init; } = [];

    public bool IsApproved => Result == ApprovalResult.Approved;

    public IEnumerable<string> DeciderIds => Decisions.Select(d => d.ActorId);
}
