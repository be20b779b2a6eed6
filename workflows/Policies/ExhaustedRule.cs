namespace Workflows.Policies;

/// <summary>The end of the chain: <see cref="At"/> after the step started, expire or decide by default.</summary>
public sealed record ExhaustedRule
{
    public required Duration At { get; init; }

    public ExhaustedAction Action { get; init; } = ExhaustedAction.Expire;

    /// <summary>With <see cref="ExhaustedAction.Decide"/>: true approves, false rejects.</summary>
    public bool Approve { get; init; }

    /// <summary>The authority in whose name the default decision is recorded.</summary>
    public string? AuthorityRole { get; init; }
}
