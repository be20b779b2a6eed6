namespace Workflows.Browser.Tests;

/// <summary>Decides tasks in the browser as their approvers do: from the inbox, through the task page's form.</summary>
public static class Decisions
{
    /// <summary>Waits for the person's open task of the case, opens it from the inbox and records the decision.</summary>
    public static async Task DecideAsync(UiSession approver, string personId, string reference, string step, string decision = "Approve", string? comment = null)
    {
        ArgumentNullException.ThrowIfNull(approver);
        var task = await Waits.OpenTaskAsync(approver.App, personId, reference, step);
        await approver.GotoAsync("/tasks");
        await approver.Page.Locator($"#task-table tr[data-task-id='{task.TaskId}'] a").ClickAsync();
        await approver.Page.Locator($"input[name=Decision][value={decision}]").CheckAsync();
        if (comment is not null)
        {
            await approver.Page.Locator("#comment").FillAsync(comment);
        }

        await approver.Page.Locator("#decision-form button[type=submit]").ClickAsync();
        await approver.WaitForPathAsync("/tasks");
    }
}
