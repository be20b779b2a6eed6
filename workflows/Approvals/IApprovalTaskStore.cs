namespace Workflows.Approvals;

/// <summary>
/// Task rows: written by the approval orchestration's activities and by the decision service; read by
/// inboxes and dashboards. Every query is served by an index, never by replaying an orchestration.
/// </summary>
public interface IApprovalTaskStore
{
    /// <summary>Creates a task; false when it exists (creation is idempotent).</summary>
    Task<bool> CreateAsync(ApprovalTask task, CancellationToken cancellationToken = default);

    Task<ApprovalTask?> GetAsync(string taskId, CancellationToken cancellationToken = default);

    /// <summary>Replaces a task if its <see cref="ApprovalTask.ETag"/> is still current; false when someone changed it first.</summary>
    Task<bool> TryReplaceAsync(ApprovalTask task, CancellationToken cancellationToken = default);

    /// <summary>Open tasks assigned or delegated to a person, soonest due first.</summary>
    Task<IReadOnlyList<ApprovalTask>> ListOpenForPersonAsync(string personId, CancellationToken cancellationToken = default);

    Task<IReadOnlyList<ApprovalTask>> ListByInstanceAsync(string instanceId, CancellationToken cancellationToken = default);

    Task<IReadOnlyList<ApprovalTask>> ListByCaseAsync(string caseId, CancellationToken cancellationToken = default);

    /// <summary>Open tasks due before <paramref name="now"/>, soonest first.</summary>
    Task<IReadOnlyList<ApprovalTask>> ListOverdueAsync(DateTimeOffset now, CancellationToken cancellationToken = default);

    /// <summary>Open tasks due in [dueFrom, dueBefore), soonest first.</summary>
    Task<IReadOnlyList<ApprovalTask>> ListDueBetweenAsync(DateTimeOffset dueFrom, DateTimeOffset dueBefore, CancellationToken cancellationToken = default);

    Task<IReadOnlyList<TaskCount>> CountByWorkflowAndStatusAsync(CancellationToken cancellationToken = default);
}
