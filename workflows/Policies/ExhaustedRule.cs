namespace Workflows.Policies;

/// <summary>
/// The end of the chain: <see cref="At"/> after the step (or stage) started, the step expires or a
/// default authority's decision settles it. Every step of a policy file has one, so no step waits forever.
/// </summary>
public sealed record ExhaustedRule
{
    public required Duration At { get; init; }

    public ExhaustedAction Action { get; init; } = ExhaustedAction.Expire;

    /// <summary>With <see cref="ExhaustedAction.Decide"/>: true approves, false rejects.</summary>
    public bool Approve { get; init; }

    /// <summary>The authority in whose name the default decision is recorded.</summary>
    public string? AuthorityRole { get; init; }

    /// <summary>A role told that the chain ran out (with the open tasks' assignees), e.g. the director of a step that expired.</summary>
    public string? Notify { get; init; }

    /// <summary>The scope of <see cref="Notify"/>, relative to the case's facility.</summary>
    public ScopeLevel Scope { get; init; } = ScopeLevel.Facility;
}
