namespace Workflows.PreRelease;

/// <summary>One entry of the plan's information-sharing list: a disclosure to another agency, with its legal basis and duration (safeguard 11).</summary>
public sealed record PlanDisclosure
{
    public string? Agency { get; init; }

    public string? Information { get; init; }

    public string? LegalBasis { get; init; }

    public string? Duration { get; init; }
}
