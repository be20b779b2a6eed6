using System.Text.Json;

namespace Workflows.Functions.Teams;

/// <summary>The parts of a Bot Framework activity the bot reads.</summary>
public sealed record BotActivity
{
    public string? Type { get; init; }

    public string? Id { get; init; }

    public string? Name { get; init; }

    public string? ServiceUrl { get; init; }

    public string? ChannelId { get; init; }

    public string? Locale { get; init; }

    /// <summary>For <c>installationUpdate</c>: <c>add</c> or <c>remove</c>.</summary>
    public string? Action { get; init; }

    public BotAccount? From { get; init; }

    public BotAccount? Recipient { get; init; }

    public BotConversation? Conversation { get; init; }

    public JsonElement? Value { get; init; }
}

/// <summary>A user or bot: the Teams id (<c>29:...</c> for users), the name, and the user's Entra object id.</summary>
public sealed record BotAccount
{
    public string? Id { get; init; }

    public string? Name { get; init; }

    public string? AadObjectId { get; init; }
}

/// <summary>A conversation: its id, type (<c>personal</c>, <c>groupChat</c>, <c>channel</c>) and tenant.</summary>
public sealed record BotConversation
{
    public string? Id { get; init; }

    public string? ConversationType { get; init; }

    public string? TenantId { get; init; }
}
