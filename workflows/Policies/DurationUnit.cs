namespace Workflows.Policies;

/// <summary>The unit of a policy duration.</summary>
public enum DurationUnit
{
    Hours,
    Days,
    WorkingDays,
    Months,
}
