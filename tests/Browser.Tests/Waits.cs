using Workflows.Approvals;

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
}
