using Workflows.Approvals;

namespace Workflows.Functions.Ui.Dashboard;

/// <summary>
/// The rows of the administrators' task tables (<c>_AdminTaskTable</c>): overdue tasks with their deadline,
/// and escalations with when they come and what they do. Shared by the dashboard and the full, filtered lists.
/// </summary>
public static class DueTaskRows
{
    public static List<(ApprovalTask Task, DateTimeOffset At, string? What)> Overdue(IEnumerable<ApprovalTask> tasks) =>
        tasks.Select(t => (t, t.Due, (string?)null)).ToList();

    public static List<(ApprovalTask Task, DateTimeOffset At, string? What)> Escalations(IEnumerable<EscalationDue> escalations, UiText text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return escalations.Select(e => (e.Task, e.At, (string?)text.Format(
            "Dashboard.EscalationAction",
            text.Code("Escalation", e.Level.Action.ToString()),
            e.Level.ToManager ? text["Dashboard.Manager"] : text.Role(e.Level.Role)))).ToList();
    }
}
