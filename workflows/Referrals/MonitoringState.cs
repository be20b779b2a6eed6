namespace Workflows.Referrals;

/// <summary>What the delivery-and-monitoring loop carries from one execution to the next.</summary>
public sealed record MonitoringState(string RiskLevel, DateTimeOffset NextProgressReview, DateTimeOffset NextRiskReassessment, int Cycle, string AssessmentId);
