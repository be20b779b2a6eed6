namespace Workflows.Functions.Teams;

/// <summary>
/// What the bot knows of a person on Teams: their directory id, Entra object id, Teams user id (MRI,
/// used in card refresh lists) and, once known, the personal conversation to write to.
/// </summary>
public sealed record TeamsConversation
{
    public required string PersonId { get; init; }

    public string? AadObjectId { get; init; }

    public string? UserMri { get; init; }

    public string? ConversationId { get; init; }

    public string? ServiceUrl { get; init; }

    public string? TenantId { get; init; }

    public DateTimeOffset UpdatedAt { get; init; }
}
