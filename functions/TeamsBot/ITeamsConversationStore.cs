namespace Workflows.Functions.Teams;

/// <summary>Conversation references: by directory person id (proactive messages) and by Entra object id (incoming clicks).</summary>
public interface ITeamsConversationStore
{
    Task<TeamsConversation?> FindByPersonAsync(string personId, CancellationToken cancellationToken = default);

    Task<TeamsConversation?> FindByAadObjectIdAsync(string aadObjectId, CancellationToken cancellationToken = default);

    /// <summary>Saves a reference; values left null keep what was stored (a group chat does not erase the personal conversation).</summary>
    Task SaveAsync(TeamsConversation conversation, CancellationToken cancellationToken = default);
}
