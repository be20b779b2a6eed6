namespace Workflows.PreRelease;

/// <summary>A contingency trigger of the plan and what is done when it happens.</summary>
public sealed record PlanContingency
{
    public string? Trigger { get; init; }

    public string? Response { get; init; }
}
