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
}
