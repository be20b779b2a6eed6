namespace Workflows.Notifications;

/// <summary>Records notifications (tests and development); a repeated idempotency key is recorded once.</summary>
public sealed class RecordingNotifier : INotifier
{
    private readonly List<Notification> _sent = [];
    private readonly HashSet<string> _keys = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();

    public IReadOnlyList<Notification> Sent
    {
        get
        {
            lock (_gate)
            {
                return _sent.ToList();
            }
        }
    }

    public Task SendAsync(Notification notification, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(notification);
        lock (_gate)
        {
            if (_keys.Add(notification.IdempotencyKey))
            {
                _sent.Add(notification);
            }
        }

        return Task.CompletedTask;
    }

    public void Clear()
    {
        lock (_gate)
        {
            _sent.Clear();
        }
    }
}
