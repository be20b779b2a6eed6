namespace Workflows.PreRelease;

/// <summary>One action of the release and risk management plan: what, which agency owns it, by when.</summary>
public sealed record PlanAction
{
    public string? Action { get; init; }

    public string? OwnerAgency { get; init; }

    public DateOnly? Due { get; init; }
}
