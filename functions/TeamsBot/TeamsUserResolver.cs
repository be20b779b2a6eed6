using Workflows.People;

namespace Workflows.Functions.Teams;

/// <summary>
/// Finds the directory person behind a Teams user. With the Graph directory the Entra object id is the
/// person id; otherwise a stored reference maps it, and as a last resort the Bot Connector's member
/// record gives the user's email, looked up in the directory (and remembered).
/// </summary>
public sealed class TeamsUserResolver(IPersonDirectory directory, ITeamsConversationStore conversations, BotConnectorClient connector, TimeProvider time)
{
    public async Task<Person?> ResolveAsync(BotActivity activity, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(activity);
        var aadObjectId = activity.From?.AadObjectId;
        if (string.IsNullOrWhiteSpace(aadObjectId))
        {
            return null;
        }

        if (await directory.FindAsync(aadObjectId, cancellationToken).ConfigureAwait(false) is { } byObjectId)
        {
            return byObjectId;
        }

        if (await conversations.FindByAadObjectIdAsync(aadObjectId, cancellationToken).ConfigureAwait(false) is { } known
            && await directory.FindAsync(known.PersonId, cancellationToken).ConfigureAwait(false) is { } byReference)
        {
            return byReference;
        }

        if (activity.ServiceUrl is null || activity.Conversation?.Id is null || activity.From?.Id is null)
        {
            return null;
        }

        var member = await connector.GetMemberAsync(new Uri(activity.ServiceUrl), activity.Conversation.Id, activity.From.Id, cancellationToken).ConfigureAwait(false);
        var address = member?.Email ?? member?.UserPrincipalName;
        if (address is null || await directory.FindByEmailAsync(address, cancellationToken).ConfigureAwait(false) is not { } person)
        {
            return null;
        }

        await conversations.SaveAsync(
            new TeamsConversation { PersonId = person.Id, AadObjectId = aadObjectId, UserMri = activity.From.Id, TenantId = activity.Conversation.TenantId, UpdatedAt = time.GetUtcNow() },
            cancellationToken).ConfigureAwait(false);
        return person;
    }
}
