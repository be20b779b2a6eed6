namespace Workflows;

/// <summary>The workflow keys used in policies, tags, task rows and audit entries.</summary>
public static class WorkflowNames
{
    public const string Referral = "referral";
    public const string CsoAccess = "csoAccess";
    public const string CsoVisit = "csoVisit";
    public const string PreRelease = "preRelease";
    public const string Repatriation = "repatriation";
    public const string Complaint = "complaint";

    /// <summary>The tag names every workflow instance is started with.</summary>
    public const string CaseTag = "caseId";
    public const string WorkflowTag = "workflow";
    public const string FacilityTag = "facility";
}
