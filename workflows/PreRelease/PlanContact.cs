namespace Workflows.PreRelease;

/// <summary>One line of the plan's contact schedule, e.g. weekly until one month after release.</summary>
public sealed record PlanContact
{
    public string? Frequency { get; init; }

    public string? Until { get; init; }

    /// <summary>The agency making the contacts (probation, a mentor's CSO).</summary>
    public string? Agency { get; init; }
}
