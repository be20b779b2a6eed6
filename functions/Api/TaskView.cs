using Workflows.Approvals;

namespace Workflows.Functions.Api;

/// <summary>
/// A task as the API shows it: ids, step, role, dates and the decision, never case details.
/// <see cref="EscalatesAt"/> is when the policy escalates the open task next (null once it is closed or
/// has no escalation left). <see cref="AttributeValues"/> lists, per attribute the step records, the
/// values its policy allows (an attribute without a list takes a short free text).
/// </summary>
public sealed record TaskView(
    string TaskId,
    string Kind,
    string Workflow,
    string CaseId,
    string CaseReference,
    string InstanceId,
    string Step,
    string Role,
    string FacilityId,
    string? AssigneeId,
    string? DelegateId,
    DateTimeOffset Due,
    bool Overdue,
    string Status,
    DateTimeOffset CreatedAt,
    DateTimeOffset? DecidedAt,
    string? DecidedBy,
    string? OnBehalfOf,
    string? Decision,
    string? Channel,
    string? Comment,
    IReadOnlyList<string> ReasonCodes,
    IReadOnlyList<string> Conditions,
    bool VetoAllowed,
    bool AllowConditions,
    bool AllowClarification,
    IReadOnlyList<string> ReasonCatalogue,
    IReadOnlyList<string> RequiredAttributes,
    IReadOnlyDictionary<string, IReadOnlyList<string>> AttributeValues,
    DateTimeOffset? EscalatesAt = null)
{
    /// <summary>Builds the views of <paramref name="tasks"/>, in order, each open one with its next escalation.</summary>
    public static async Task<List<TaskView>> ListAsync(IEnumerable<ApprovalTask> tasks, DateTimeOffset now, EscalationSchedule escalations, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(tasks);
        ArgumentNullException.ThrowIfNull(escalations);
        var views = new List<TaskView>();
        foreach (var task in tasks)
        {
            views.Add(From(task, now, await escalations.NextAtAsync(task, now, cancellationToken).ConfigureAwait(false)));
        }

        return views;
    }

    /// <summary>Builds the view.</summary>
    public static TaskView From(ApprovalTask task, DateTimeOffset now, DateTimeOffset? escalatesAt = null)
    {
        ArgumentNullException.ThrowIfNull(task);
        return new TaskView(
            task.TaskId,
            Camel(task.Kind.ToString()),
            task.Workflow,
            task.CaseId,
            task.CaseReference,
            task.InstanceId,
            task.Step,
            task.Role,
            task.FacilityId,
            task.AssigneeId,
            task.DelegateId,
            task.Due,
            task.IsOverdue(now),
            Camel(task.Status.ToString()),
            task.CreatedAt,
            task.DecidedAt,
            task.DecidedBy,
            task.OnBehalfOf,
            task.Decision is { } d ? Camel(d.ToString()) : null,
            task.Channel?.ToString(),
            task.Comment,
            task.ReasonCodes,
            task.Conditions,
            task.VetoAllowed,
            task.AllowConditions,
            task.AllowClarification,
            task.ReasonCatalogue,
            task.RequiredAttributes,
            task.AttributeValues,
            escalatesAt);
    }

    private static string Camel(string name) => char.ToLowerInvariant(name[0]) + name[1..];
}
