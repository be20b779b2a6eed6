using Workflows.Approvals;
using Workflows.Functions.Notifications.Outbox;

namespace Workflows.Browser.Tests;

/// <summary>Waits on conditions of the app (never on time alone): polls until true or fails after the timeout.</summary>
public static class Waits
{
    public static async Task<T> UntilAsync<T>(Func<Task<T?>> probe, string what, int seconds = 30)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(probe);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(seconds));
        while (true)
        {
            if (await probe() is { } value)
            {
                return value;
            }

            try
            {
                await Task.Delay(100, timeout.Token);
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException($"Waited {seconds} s for {what}.");
            }
        }
    }

    /// <summary>The open task of a case for a person, once the workflow has opened it.</summary>
    public static Task<ApprovalTask> OpenTaskAsync(BrowserApp app, string personId, string caseReference, string? step = null, int seconds = 30)
    {
        ArgumentNullException.ThrowIfNull(app);
        var tasks = app.Service<IApprovalTaskStore>();
        return UntilAsync(
            async () => (await tasks.ListOpenForPersonAsync(personId)).FirstOrDefault(t => t.CaseReference == caseReference && (step is null || t.Step == step)),
            $"an open task{(step is null ? string.Empty : " " + step)} of {caseReference} for {personId}",
            seconds);
    }

    /// <summary>The path of the approve link in the task's new-task email, once the development outbox holds it.</summary>
    public static async Task<string> ApproveLinkAsync(BrowserApp app, string taskId)
    {
        ArgumentNullException.ThrowIfNull(app);
        var outbox = app.Service<IOutboxStore>();
        var message = await UntilAsync(
            async () => (await outbox.ListAsync(new OutboxQuery(TaskId: taskId, Channel: "Email"))).FirstOrDefault(m => m.Links.Any(l => l.Rel == "approve")),
            "the new-task email of " + taskId);
        return message.Links.First(l => l.Rel == "approve").Href.PathAndQuery;
    }
}
