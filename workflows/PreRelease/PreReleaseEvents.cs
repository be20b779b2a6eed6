namespace Workflows.PreRelease;

public static class PreReleaseEvents
{
    public const string ReleaseDateChanged = "ReleaseDateChanged";
    public const string ContactRecorded = "ContactRecorded";
}

public sealed record ReleaseDateSignal(DateTimeOffset ReleaseAt, string DecisionRef);

public sealed record ContactSignal(bool Attended);
