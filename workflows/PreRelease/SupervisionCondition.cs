namespace Workflows.PreRelease;

/// <summary>One condition of mandatory legal supervision: imposed, so it names its legal basis and the authority that imposed it (safeguard 11).</summary>
public sealed record SupervisionCondition
{
    public string? Condition { get; init; }

    public string? LegalBasis { get; init; }

    public string? ImposingAuthority { get; init; }

    /// <summary>How long the condition lasts (e.g. "12 months"), when the decision says.</summary>
    public string? Duration { get; init; }
}
