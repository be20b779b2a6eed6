using Microsoft.Extensions.Internal;

namespace Workflows.Functions.People;

/// <summary>Lets a memory cache expire entries on the app's <see cref="TimeProvider"/> (a fake clock in tests).</summary>
internal sealed class TimeProviderClock(TimeProvider time) : ISystemClock
{
    public DateTimeOffset UtcNow => time.GetUtcNow();
}
