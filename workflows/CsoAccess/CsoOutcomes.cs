namespace Workflows.CsoAccess;

public static class CsoOutcomes
{
    public const string Incomplete = "Incomplete";
    public const string Rejected = "Rejected";
    public const string Withdrawn = "Withdrawn";
    public const string Lapsed = "Lapsed";
    public const string PermitExpired = "PermitExpired";
    public const string Revoked = "Revoked";
    public const string PermitActive = "PermitActive";
    public const string Suspended = "Suspended";

    /// <summary>No prison onboarded the CSO: the agreement covers nothing.</summary>
    public const string NotOnboarded = "NotOnboarded";
}
