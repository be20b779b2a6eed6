using Workflows.Approvals;
using Workflows.Cases;
using Workflows.Engine;
using Workflows.Functions.Ui;

namespace Workflows.Functions.Pages.Cases;

/// <summary>One entry of a case's timeline: when, what (a text key and its arguments), and whether it is still pending.</summary>
public sealed record CaseTimelineEntry(DateTimeOffset At, string Key, IReadOnlyList<(string? Family, string Value)> Arguments, string? Comment = null, bool Pending = false)
{
    /// <summary>The entry's text in the current language.</summary>
    public string Text(UiText text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return text.Format(Key, [.. Arguments.Select(a => (object)(a.Family is null ? a.Value : text.Code(a.Family, a.Value)))]);
    }

    /// <summary>Builds the timeline of a case: created, workflows started and finished, steps opened and decided.</summary>
    public static IReadOnlyList<CaseTimelineEntry> Build(CaseRecord record, IReadOnlyList<OrchestrationState> instances, IReadOnlyList<ApprovalTask> tasks, IReadOnlyDictionary<string, string> people)
    {
        ArgumentNullException.ThrowIfNull(record);
        ArgumentNullException.ThrowIfNull(instances);
        ArgumentNullException.ThrowIfNull(tasks);
        ArgumentNullException.ThrowIfNull(people);
        string Name(string? id) => id is null ? string.Empty : people.GetValueOrDefault(id, id);
        var entries = new List<CaseTimelineEntry> { new(record.CreatedAt, "Timeline.CaseCreated", [(null, Name(record.RequesterId))]) };
        foreach (var instance in instances)
        {
            var workflow = instance.Tags.GetValueOrDefault(WorkflowNames.WorkflowTag, instance.Name);
            entries.Add(new(instance.CreatedAt, "Timeline.WorkflowStarted", [("Workflow", workflow)]));
            if (instance.CompletedAt is { } completed)
            {
                entries.Add(new(completed, "Timeline.WorkflowEnded", [("Workflow", workflow), ("RuntimeStatus", instance.RuntimeStatus.ToString())]));
            }
        }

        foreach (var task in tasks)
        {
            entries.Add(new(task.CreatedAt, task.Kind == ApprovalTaskKind.Clarification ? "Timeline.ClarificationAsked" : "Timeline.StepOpened", [("Step", task.Step), ("Role", task.Role), (null, Name(task.AssigneeId))], Pending: task.IsOpen));
            if (task.DecidedAt is { } decided)
            {
                (string? Family, string Value) what = task.Decision is { } kind ? ("Decision", kind.ToString()) : ("TaskStatus", task.Status.ToString());
                entries.Add(new(decided, task.OnBehalfOf is null ? "Timeline.Decided" : "Timeline.DecidedOnBehalf", [("Step", task.Step), what, (null, Name(task.DecidedBy)), (null, Name(task.OnBehalfOf))], task.Comment));
            }
        }

        return entries.OrderBy(e => e.At).ToList();
    }
}
