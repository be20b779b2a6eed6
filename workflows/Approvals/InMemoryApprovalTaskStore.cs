using System.Globalization;

namespace Workflows.Approvals;

/// <summary>The in-memory twin of the task store.</summary>
public sealed class InMemoryApprovalTaskStore : IApprovalTaskStore
{
    private readonly Dictionary<string, ApprovalTask> _tasks = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();
    private long _version;

    public Task<bool> CreateAsync(ApprovalTask task, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(task);
        lock (_gate)
        {
            return Task.FromResult(_tasks.TryAdd(task.TaskId, task with { ETag = NextETag() }));
        }
    }

    public Task<ApprovalTask?> GetAsync(string taskId, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            return Task.FromResult(_tasks.GetValueOrDefault(taskId));
        }
    }

    public Task<bool> TryReplaceAsync(ApprovalTask task, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(task);
        lock (_gate)
        {
            if (!_tasks.TryGetValue(task.TaskId, out var current) || current.ETag != task.ETag)
            {
                return Task.FromResult(false);
            }

            _tasks[task.TaskId] = task with { ETag = NextETag() };
            return Task.FromResult(true);
        }
    }

    public Task<IReadOnlyList<ApprovalTask>> ListOpenForPersonAsync(string personId, CancellationToken cancellationToken = default) =>
        Query(t => t.IsOpen && (t.AssigneeId == personId || t.DelegateId == personId));

    public Task<IReadOnlyList<ApprovalTask>> ListByInstanceAsync(string instanceId, CancellationToken cancellationToken = default) =>
        Query(t => t.InstanceId == instanceId);

    public Task<IReadOnlyList<ApprovalTask>> ListByCaseAsync(string caseId, CancellationToken cancellationToken = default) =>
        Query(t => t.CaseId == caseId);

    public Task<IReadOnlyList<ApprovalTask>> ListOverdueAsync(DateTimeOffset now, CancellationToken cancellationToken = default) =>
        Query(t => t.IsOverdue(now));

    public Task<IReadOnlyList<ApprovalTask>> ListDueBetweenAsync(DateTimeOffset dueFrom, DateTimeOffset dueBefore, CancellationToken cancellationToken = default) =>
        Query(t => t.IsOpen && t.Due >= dueFrom && t.Due < dueBefore);

    public Task<IReadOnlyList<TaskCount>> CountByWorkflowAndStatusAsync(CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            return Task.FromResult<IReadOnlyList<TaskCount>>(_tasks.Values
                .GroupBy(t => (t.Workflow, t.Status))
                .Select(g => new TaskCount(g.Key.Workflow, g.Key.Status, g.Count()))
                .OrderBy(c => c.Workflow, StringComparer.Ordinal).ThenBy(c => c.Status)
                .ToList());
        }
    }

    private Task<IReadOnlyList<ApprovalTask>> Query(Func<ApprovalTask, bool> predicate)
    {
        lock (_gate)
        {
            return Task.FromResult<IReadOnlyList<ApprovalTask>>(_tasks.Values.Where(predicate).OrderBy(t => t.Due).ThenBy(t => t.TaskId, StringComparer.Ordinal).ToList());
        }
    }

    private string NextETag() => (++_version).ToString(CultureInfo.InvariantCulture);
}
