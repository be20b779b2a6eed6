using Workflows.Notifications;

namespace Workflows.Functions.Notifications.Tests.Support;

/// <summary>A channel whose outcome a test scripts per call; counts calls and can hold a call until released.</summary>
public sealed class ScriptedChannel(string name = "Email") : INotificationChannel
{
    private readonly Queue<Func<Task<ChannelOutcome>>> _script = new();
    private int _calls;

    public string Name => name;

    public int Calls => Volatile.Read(ref _calls);

    public TaskCompletionSource? Gate { get; set; }

    public TaskCompletionSource Entered { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public ScriptedChannel Then(Func<Task<ChannelOutcome>> step)
    {
        _script.Enqueue(step);
        return this;
    }

    public ScriptedChannel ThenThrow(Exception exception) => Then(() => Task.FromException<ChannelOutcome>(exception));

    public ScriptedChannel ThenSend() => Then(() => Task.FromResult(ChannelOutcome.Sent));

    public bool Carries(Notification notification, NotificationRecipient recipient) => true;

    public async Task<ChannelOutcome> SendAsync(Notification notification, NotificationRecipient recipient, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _calls);
        Entered.TrySetResult();
        if (Gate is { } gate)
        {
            await gate.Task.WaitAsync(TimeSpan.FromSeconds(30), cancellationToken);
        }

        Func<Task<ChannelOutcome>> step;
        lock (_script)
        {
            step = _script.Count > 0 ? _script.Dequeue() : () => Task.FromResult(ChannelOutcome.Sent);
        }

        return await step();
    }
}
