namespace Workflows.Repatriation;

public static class RepatriationEvents
{
    public const string ConsentRecorded = "ConsentRecorded";
    public const string ArrivalRecorded = "ArrivalRecorded";
    public const string DocumentsRestored = "DocumentsRestored";
    public const string FamilyAgreementRecorded = "FamilyAgreementRecorded";
    public const string CaseClosed = "CaseClosed";
}

public sealed record HouseholdConsentSignal(string ConsentId, bool Given);

public sealed record HouseholdSignal(string Kind);

public sealed record FamilyAgreementSignal(bool Agreed);
