namespace Workflows.Functions.Notifications.Outbox;

/// <summary>The development outbox: every notification that would have been sent.</summary>
public interface IOutboxStore
{
    Task AddAsync(OutboxMessage message, CancellationToken cancellationToken = default);

    /// <summary>Newest first.</summary>
    Task<IReadOnlyList<OutboxMessage>> ListAsync(OutboxQuery query, CancellationToken cancellationToken = default);

    Task<OutboxMessage?> GetAsync(string id, CancellationToken cancellationToken = default);
}
