namespace Workflows.Audit;

/// <summary>The audit action names.</summary>
public static class AuditActions
{
    public const string CaseCreated = "CaseCreated";
    public const string WorkflowStarted = "WorkflowStarted";
    public const string TaskCreated = "TaskCreated";
    public const string DecisionRecorded = "DecisionRecorded";
    public const string DecisionRefusedLate = "DecisionRefusedLate";
    public const string DecisionRefusedNotEntitled = "DecisionRefusedNotEntitled";
    public const string DecisionSuperseded = "DecisionSuperseded";
    public const string Delegated = "Delegated";
    public const string Reassigned = "Reassigned";
    public const string Escalated = "Escalated";
    public const string ReminderSent = "ReminderSent";
    public const string Withdrawn = "Withdrawn";
    public const string ClarificationRequested = "ClarificationRequested";
    public const string ClarificationAnswered = "ClarificationAnswered";
    public const string StepOutcome = "StepOutcome";
    public const string DefaultDecision = "DefaultDecision";
    public const string Expired = "Expired";
    public const string Override = "Override";
    public const string Disclosure = "Disclosure";
    public const string SensitiveRead = "SensitiveRead";
    public const string DocumentAdded = "DocumentAdded";
    public const string SectionWritten = "SectionWritten";
    public const string ConsentRecorded = "ConsentRecorded";
    public const string EventRecorded = "EventRecorded";
    public const string WorkflowOutcome = "WorkflowOutcome";
    public const string Amendment = "Amendment";
    public const string PartnerAssigned = "PartnerAssigned";
    public const string PartnerUnassigned = "PartnerUnassigned";
}
