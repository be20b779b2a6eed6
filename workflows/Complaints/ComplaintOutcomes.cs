namespace Workflows.Complaints;

/// <summary>Outcome codes of a complaint.</summary>
public static class ComplaintOutcomes
{
    public const string Upheld = "Upheld";
    public const string NotUpheld = "NotUpheld";
    public const string Withdrawn = "Withdrawn";

    /// <summary>Nobody decided before the chain ran out: not a rejection; the complainant is told and may go to the ombudsperson.</summary>
    public const string NotDecidedInTime = "NotDecidedInTime";
}
