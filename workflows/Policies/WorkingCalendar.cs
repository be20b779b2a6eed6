namespace Workflows.Policies;

/// <summary>
/// Which days are working days: a weekend and a list of holidays. Pure and serializable, so an
/// orchestration can carry it in its input and compute deadlines deterministically on replay. Dates are
/// taken in UTC.
/// </summary>
public sealed record WorkingCalendar
{
    public IReadOnlyList<DayOfWeek> Weekend { get; init; } = [DayOfWeek.Saturday, DayOfWeek.Sunday];

    public IReadOnlyList<DateOnly> Holidays { get; init; } = [];

    public static WorkingCalendar Default { get; } = new();

    public bool IsWorkingDay(DateOnly date) => !Weekend.Contains(date.DayOfWeek) && !Holidays.Contains(date);

    /// <summary>The time <paramref name="duration"/> after <paramref name="start"/>; working days keep the time of day.</summary>
    public DateTimeOffset Add(DateTimeOffset start, Duration duration) => Shift(start, duration, +1);

    /// <summary>The time <paramref name="duration"/> before <paramref name="start"/>.</summary>
    public DateTimeOffset Subtract(DateTimeOffset start, Duration duration) => Shift(start, duration, -1);

    private DateTimeOffset Shift(DateTimeOffset start, Duration duration, int sign)
    {
        var utc = start.ToUniversalTime();
        switch (duration.Unit)
        {
            case DurationUnit.Hours:
                return utc.AddHours(sign * duration.Value);
            case DurationUnit.Days:
                return utc.AddDays(sign * duration.Value);
            case DurationUnit.Months:
                return utc.AddMonths(sign * duration.Value);
            default:
                var remaining = duration.Value;
                var result = utc;
                while (remaining > 0)
                {
                    result = result.AddDays(sign);
                    if (IsWorkingDay(DateOnly.FromDateTime(result.UtcDateTime)))
                    {
                        remaining--;
                    }
                }

                return result;
        }
    }
}
