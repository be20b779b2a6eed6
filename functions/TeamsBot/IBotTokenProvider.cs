namespace Workflows.Functions.Teams;

/// <summary>The bot's bearer token for calls to the Bot Connector.</summary>
public interface IBotTokenProvider
{
    Task<string> GetTokenAsync(CancellationToken cancellationToken = default);
}
