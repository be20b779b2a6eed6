namespace Workflows.Functions.Teams;

/// <summary>The in-memory twin of the conversation store.</summary>
public sealed class InMemoryTeamsConversationStore : ITeamsConversationStore
{
    private readonly Dictionary<string, TeamsConversation> _byPerson = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();

    public Task<TeamsConversation?> FindByPersonAsync(string personId, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            return Task.FromResult(_byPerson.GetValueOrDefault(personId));
        }
    }

    public Task<TeamsConversation?> FindByAadObjectIdAsync(string aadObjectId, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            return Task.FromResult(_byPerson.Values.FirstOrDefault(c => string.Equals(c.AadObjectId, aadObjectId, StringComparison.OrdinalIgnoreCase)));
        }
    }

    public Task SaveAsync(TeamsConversation conversation, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(conversation);
        lock (_gate)
        {
            _byPerson[conversation.PersonId] = _byPerson.TryGetValue(conversation.PersonId, out var existing) ? Merge(existing, conversation) : conversation;
        }

        return Task.CompletedTask;
    }

    internal static TeamsConversation Merge(TeamsConversation existing, TeamsConversation update) => existing with
    {
        AadObjectId = update.AadObjectId ?? existing.AadObjectId,
        UserMri = update.UserMri ?? existing.UserMri,
        ConversationId = update.ConversationId ?? existing.ConversationId,
        ServiceUrl = update.ConversationId is not null ? update.ServiceUrl ?? existing.ServiceUrl : existing.ServiceUrl ?? update.ServiceUrl,
        TenantId = update.TenantId ?? existing.TenantId,
        UpdatedAt = update.UpdatedAt,
    };
}
