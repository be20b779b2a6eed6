using Workflows.Policies;

namespace Workflows.PreRelease;

/// <summary>Post-release contact and review times, computed from the release date and the policy's bands.</summary>
public static class ContactSchedule
{
    /// <summary>E.g. weekly to month 1, fortnightly to month 3, monthly to month 12.</summary>
    public static IReadOnlyList<DateTimeOffset> Times(DateTimeOffset releaseAt, IReadOnlyList<ScheduleBand> bands, WorkingCalendar calendar)
    {
        ArgumentNullException.ThrowIfNull(bands);
        ArgumentNullException.ThrowIfNull(calendar);
        var times = new List<DateTimeOffset>();
        var at = releaseAt;
        foreach (var band in bands)
        {
            var end = calendar.Add(releaseAt, band.Until);
            while (true)
            {
                var next = calendar.Add(at, band.Every);
                if (next > end)
                {
                    break;
                }

                times.Add(next);
                at = next;
            }
        }

        return times;
    }
}
