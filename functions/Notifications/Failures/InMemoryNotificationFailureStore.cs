namespace Workflows.Functions.Notifications.Failures;

/// <summary>The in-memory twin of the failure store.</summary>
public sealed class InMemoryNotificationFailureStore : INotificationFailureStore
{
    private readonly Dictionary<string, NotificationFailure> _failures = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();

    public Task RecordAsync(NotificationFailure failure, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(failure);
        lock (_gate)
        {
            _failures.TryAdd(failure.Key, failure);
        }

        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<NotificationFailure>> ListForCaseAsync(string caseId, CancellationToken cancellationToken = default) =>
        Select(f => f.CaseId == caseId, int.MaxValue);

    public Task<IReadOnlyList<NotificationFailure>> ListForTaskAsync(string taskId, CancellationToken cancellationToken = default) =>
        Select(f => f.TaskId == taskId, int.MaxValue);

    public Task<IReadOnlyList<NotificationFailure>> ListRecentAsync(int top = 50, CancellationToken cancellationToken = default) =>
        Select(_ => true, top);

    private Task<IReadOnlyList<NotificationFailure>> Select(Func<NotificationFailure, bool> filter, int top)
    {
        lock (_gate)
        {
            return Task.FromResult<IReadOnlyList<NotificationFailure>>(_failures.Values.Where(filter).OrderByDescending(f => f.At).Take(top).ToList());
        }
    }
}
