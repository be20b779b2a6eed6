namespace Workflows.Approvals;

/// <summary>A decision on a task, from any channel (web, API, email link, Teams card).</summary>
public sealed record DecisionCommand
{
    public required string TaskId { get; init; }

    public required Actor Actor { get; init; }

    public required DecisionKind Decision { get; init; }

    /// <summary>Required to reject, veto or return for clarification.</summary>
    public string? Comment { get; init; }

    public IReadOnlyList<string> ReasonCodes { get; init; } = [];

    /// <summary>With <see cref="DecisionKind.ApproveWithConditions"/>: each condition with its legal basis (safeguard 11).</summary>
    public IReadOnlyList<string> Conditions { get; init; } = [];

    /// <summary>Structured results a step asks for (e.g. <c>riskLevel</c>, <c>manifestReference</c>, <c>legalTrack</c>).</summary>
    public IReadOnlyDictionary<string, string> Attributes { get; init; } = new Dictionary<string, string>();

    public DecisionChannel Channel { get; init; } = DecisionChannel.Web;

    /// <summary>When a delegate decides: the assignee they act for (filled in when omitted).</summary>
    public string? OnBehalfOf { get; init; }
}
