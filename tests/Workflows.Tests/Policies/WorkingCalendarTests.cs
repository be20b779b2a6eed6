using Workflows.Policies;

namespace Workflows.Tests.Policies;

public sealed class WorkingCalendarTests
{
    private static readonly DateTimeOffset Monday = new(2026, 1, 5, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Add_FiveWorkingDaysFromMonday_IsNextMonday()
    {
        Assert.Equal(Monday.AddDays(7), WorkingCalendar.Default.Add(Monday, Duration.WorkingDays(5)));
    }

    [Fact]
    public void Add_WorkingDaysFromFriday_SkipsTheWeekend()
    {
        var friday = Monday.AddDays(4);
        Assert.Equal(Monday.AddDays(7), WorkingCalendar.Default.Add(friday, Duration.WorkingDays(1)));
    }

    [Fact]
    public void Add_WorkingDaysOverAHoliday_SkipsTheHoliday()
    {
        var calendar = new WorkingCalendar { Holidays = [new DateOnly(2026, 1, 7)] };
        Assert.Equal(Monday.AddDays(4), calendar.Add(Monday, Duration.WorkingDays(3)));
    }

    [Fact]
    public void Add_WithAFridaySaturdayWeekend_CountsSunday()
    {
        var calendar = new WorkingCalendar { Weekend = [DayOfWeek.Friday, DayOfWeek.Saturday] };
        var thursday = Monday.AddDays(3);
        Assert.Equal(Monday.AddDays(6), calendar.Add(thursday, Duration.WorkingDays(1)));
    }

    [Fact]
    public void Add_CalendarDaysHoursAndMonths_IgnoreTheCalendar()
    {
        var calendar = WorkingCalendar.Default;
        Assert.Equal(Monday.AddDays(30), calendar.Add(Monday, Duration.Days(30)));
        Assert.Equal(Monday.AddHours(72), calendar.Add(Monday, Duration.Hours(72)));
        Assert.Equal(new DateTimeOffset(2026, 4, 5, 9, 0, 0, TimeSpan.Zero), calendar.Add(Monday, Duration.Months(3)));
    }

    [Fact]
    public void Subtract_Months_GoesBack()
    {
        var release = new DateTimeOffset(2027, 6, 30, 0, 0, 0, TimeSpan.Zero);
        Assert.Equal(new DateTimeOffset(2026, 6, 30, 0, 0, 0, TimeSpan.Zero), WorkingCalendar.Default.Subtract(release, Duration.Months(12)));
    }

    [Theory]
    [InlineData("5 workingDays", 5, DurationUnit.WorkingDays)]
    [InlineData("72 hours", 72, DurationUnit.Hours)]
    [InlineData("1 months", 1, DurationUnit.Months)]
    public void Parse_ValidText_ReadsValueAndUnit(string text, int value, DurationUnit unit)
    {
        Assert.Equal(new Duration(value, unit), Duration.Parse(text));
    }

    [Fact]
    public void Parse_UnknownUnit_NamesTheUnit()
    {
        var ex = Assert.Throws<FormatException>(() => Duration.Parse("2 weeks"));
        Assert.Contains("unknown unit 'weeks'", ex.Message, StringComparison.Ordinal);
    }
}
