namespace Workflows.Referrals;

/// <summary>Event names of the referral workflow.</summary>
public static class ReferralEvents
{
    public const string ConsentRecorded = "ConsentRecorded";
    public const string ProgrammeStarted = "ProgrammeStarted";
    public const string ReassessmentTriggered = "ReassessmentTriggered";
    public const string ProgrammeExit = "ProgrammeExit";
}

/// <summary>Consent given or refused (details in the case's consent record).</summary>
public sealed record ConsentSignal(bool Given, string ConsentRecordId);

public sealed record TriggerSignal(string Trigger);

public sealed record ExitSignal(ExitKind Kind);

public sealed record StartedSignal(string ProgrammeId);
