namespace Workflows.Policies;

/// <summary>What each workflow's code needs from its policy; checked when a policy file loads.</summary>
public static class PolicyRequirements
{
    /// <summary>The attribute a risk (re-)assessment records; the workflows branch on it and pick schedules by it.</summary>
    public const string RiskLevelAttribute = "riskLevel";

    /// <summary>The risk levels the workflows know (placement route, plan panel, post-release contact schedules).</summary>
    public static IReadOnlyList<string> RiskLevels { get; } = ["Low", "Medium", "High"];

    public static IReadOnlyDictionary<string, (string[] Steps, string[] Timers, string[] Schedules)> ByWorkflow { get; } =
        new Dictionary<string, (string[], string[], string[])>(StringComparer.Ordinal)
        {
            [WorkflowNames.Referral] = (
                ["eligibilityScreening", "riskAssessment", "riskAssessmentJuvenile", "securityClearance", "securityVetoReview",
                 "caseConference", "placementDecision", "placementDecisionHighRisk", "progressReview", "riskReassessment"],
                ["consentDue", "reflectionPeriod", "waitingListAlert", "waitingListRealert", "progressReviewEvery", "riskReassessmentEvery", "riskReassessmentEveryLowRisk"],
                []),
            [WorkflowNames.CsoAccess] = (
                ["completenessCheck", "parallelReviews", "religiousContentReview", "interAgencyReview", "staffVetting", "finalDecision",
                 "reconsideration", "siteOnboarding", "staffAddition", "suspensionConfirmation", "suspensionFinal", "renewal"],
                ["permitValidity", "renewalReminderFirst", "renewalReminderSecond", "reconsiderationWindow", "csoResponseWindow"],
                []),
            [WorkflowNames.CsoVisit] = (["visitRequest", "visitEmergency"], ["visitNotice"], []),
            [WorkflowNames.PreRelease] = (
                ["riskReassessment", "resettlementNeeds", "planningConference", "planApproval", "highRiskPanel", "panelDissentReview",
                 "housingWorkConfirmation", "finalChecklist", "releaseHandover", "missedContactAttempt", "missedContactConference",
                 "postReleaseReview"],
                ["planningOpens", "needsAssessment", "planningConference", "housingConfirmation", "finalChecklist", "contactGrace", "retentionPeriod"],
                ["contacts.high", "contacts.medium", "contacts.low", "reviews"]),
            [WorkflowNames.Repatriation] = (
                ["identityVerification", "securityPrescreen", "manifestApproval", "medicalScreening", "childProtectionHandover",
                 "legalTrack", "bestInterests", "childPlacement", "centreExit", "centreExitChildren", "centreExitAdults", "reintegrationReview"],
                ["consentDue", "adaptationMinimum", "documentsRestored", "childPlacementAlert", "reviewEveryAfterFirstYear"],
                ["reviews"]),
            [WorkflowNames.Complaint] = (["acknowledgement", "decision"], [], []),
        };
}
