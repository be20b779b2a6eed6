namespace Workflows.Repatriation;

/// <summary>A household case created before return (relatives' requests, consular lists).</summary>
public sealed record HouseholdRequest
{
    /// <summary>The adaptation centre the household goes to.</summary>
    public string? CentreId { get; init; }

    public string? ConsularListRef { get; init; }

    public IReadOnlyList<HouseholdMember>? Members { get; init; }

    public string? ClientRequestId { get; init; }
}
