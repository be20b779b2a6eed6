namespace Workflows.Functions.Notifications.Failures;

/// <summary>
/// Failed notifications, for the dashboard: by case, by task (the "notification failed" flag on a task
/// row) and the most recent across all cases. Recording the same key twice keeps one entry.
/// </summary>
public interface INotificationFailureStore
{
    Task RecordAsync(NotificationFailure failure, CancellationToken cancellationToken = default);

    Task<IReadOnlyList<NotificationFailure>> ListForCaseAsync(string caseId, CancellationToken cancellationToken = default);

    Task<IReadOnlyList<NotificationFailure>> ListForTaskAsync(string taskId, CancellationToken cancellationToken = default);

    /// <summary>The newest failures first.</summary>
    Task<IReadOnlyList<NotificationFailure>> ListRecentAsync(int top = 50, CancellationToken cancellationToken = default);
}
