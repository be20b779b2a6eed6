namespace Workflows.Functions.Teams;

/// <summary>A conversation member as the Bot Connector describes it (Teams adds the email and UPN).</summary>
public sealed record BotMember
{
    public string? Id { get; init; }

    public string? Name { get; init; }

    public string? AadObjectId { get; init; }

    public string? Email { get; init; }

    public string? UserPrincipalName { get; init; }
}
