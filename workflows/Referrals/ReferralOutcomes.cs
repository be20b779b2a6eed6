namespace Workflows.Referrals;

/// <summary>Outcome codes of a referral.</summary>
public static class ReferralOutcomes
{
    public const string NotEligible = "NotEligible";
    public const string AssessmentNotAgreed = "AssessmentNotAgreed";
    public const string SecurityVetoUpheld = "SecurityVetoUpheld";
    public const string SecurityNotCleared = "SecurityNotCleared";
    public const string ConsentRefused = "ConsentRefused";
    public const string PlanNotAgreed = "PlanNotAgreed";
    public const string PlacementRefused = "PlacementRefused";
    public const string Withdrawn = "Withdrawn";
    public const string Lapsed = "Lapsed";
    public const string Completed = "Completed";
    public const string WithdrawnByPrisoner = "WithdrawnByPrisoner";
    public const string SuspendedByDirector = "SuspendedByDirector";
}
