namespace Workflows.Tests.Support;

/// <summary>Asserts that something happens exactly at a time: not a minute before, and once the clock reaches it.</summary>
public static class ExactTime
{
    public static async Task FiresAtAsync(DomainHost host, DateTimeOffset at, Func<Task<bool>> happened, string what)
    {
        ArgumentNullException.ThrowIfNull(host);
        ArgumentNullException.ThrowIfNull(happened);
        await host.Host.AdvanceToAsync(at.AddMinutes(-1));
        Assert.False(await happened(), $"{what} happened before {at:O}");
        await host.Host.AdvanceToAsync(at);
        Assert.True(await happened(), $"{what} did not happen at {at:O}");
    }

    public static Task FiresAtAsync(DomainHost host, DateTimeOffset at, Func<bool> happened, string what) =>
        FiresAtAsync(host, at, () => Task.FromResult(happened()), what);

    /// <summary>A UTC time on a date (9:00 by default, the time the test host starts).</summary>
    public static DateTimeOffset On(int year, int month, int day, int hour = 9, int minute = 0) => new(year, month, day, hour, minute, 0, TimeSpan.Zero);
}
