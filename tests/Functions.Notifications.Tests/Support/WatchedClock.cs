using Microsoft.Extensions.Time.Testing;

namespace Workflows.Functions.Notifications.Tests.Support;

/// <summary>
/// A fake clock that tells a test when something starts waiting on it for a given time, so the test can
/// move the clock to just before that time knowing the wait has begun (no race with the code under test).
/// </summary>
public sealed class WatchedClock() : FakeTimeProvider(new DateTimeOffset(2026, 1, 5, 9, 0, 0, TimeSpan.Zero))
{
    private readonly List<(TimeSpan Due, TaskCompletionSource Started)> _watches = [];
    private readonly Lock _gate = new();

    /// <summary>Completes when a timer of exactly <paramref name="due"/> is created (from now on).</summary>
    public Task WaitForTimerAsync(TimeSpan due)
    {
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_gate)
        {
            _watches.Add((due, started));
        }

        return started.Task.WaitAsync(TimeSpan.FromSeconds(30));
    }

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = base.CreateTimer(callback, state, dueTime, period);
        lock (_gate)
        {
            foreach (var watch in _watches.Where(w => w.Due == dueTime).ToList())
            {
                _watches.Remove(watch);
                watch.Started.TrySetResult();
            }
        }

        return timer;
    }
}
