namespace Workflows.CsoAccess;

public static class CsoEvents
{
    public const string ReconsiderationRequested = "ReconsiderationRequested";
    public const string StaffAdditionRequested = "StaffAdditionRequested";
    public const string SuspensionRequested = "SuspensionRequested";
    public const string CsoResponded = "CsoResponded";
    public const string RenewalRequested = "RenewalRequested";

    /// <summary>Sent by the permit to its visit requests when it is suspended: pending ones are withdrawn, scheduled ones cancelled.</summary>
    public const string PermitSuspended = "PermitSuspended";
}

/// <summary>A request or fact sent to the CSO workflow; <see cref="RequestedBy"/> is the directory id of who sent it.</summary>
public sealed record CsoSignal(string Kind, string? StaffId = null, string? FacilityId = null, string? RequestedBy = null);

/// <summary>What the permit phase carries from one execution to the next.</summary>
public sealed record PermitState(DateTimeOffset ValidUntil, IReadOnlyList<string> ApprovedStaff, IReadOnlyList<string> RemindersSent, int Cycle);
