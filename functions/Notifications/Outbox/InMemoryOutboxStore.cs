namespace Workflows.Functions.Notifications.Outbox;

/// <summary>The in-memory twin of the outbox.</summary>
public sealed class InMemoryOutboxStore : IOutboxStore
{
    private readonly List<OutboxMessage> _messages = [];
    private readonly Lock _gate = new();

    public Task AddAsync(OutboxMessage message, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        lock (_gate)
        {
            _messages.Add(message);
        }

        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<OutboxMessage>> ListAsync(OutboxQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        lock (_gate)
        {
            return Task.FromResult<IReadOnlyList<OutboxMessage>>(_messages
                .Where(m => OutboxFilter.Matches(m, query))
                .OrderBy(m => m.Id, StringComparer.Ordinal)
                .Take(query.Top)
                .ToList());
        }
    }

    public Task<OutboxMessage?> GetAsync(string id, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            return Task.FromResult(_messages.FirstOrDefault(m => m.Id == id));
        }
    }
}
