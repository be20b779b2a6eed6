namespace Workflows.Functions.Ui.Dashboard;

/// <summary>The orchestration names administrators see: the programme workflows and the approval steps they run.</summary>
public static class WorkflowOrchestrations
{
    /// <summary>Every workflow orchestration, approval steps last.</summary>
    public static readonly string[] All =
    [
        Workflows.Referrals.ReferralOrchestration.Name, Workflows.CsoAccess.CsoAccessOrchestration.Name, Workflows.CsoAccess.CsoVisitOrchestration.Name,
        Workflows.PreRelease.PreReleaseOrchestration.Name, Workflows.Repatriation.RepatriationOrchestration.Name, Workflows.Repatriation.ChildPlacementOrchestration.Name,
        Workflows.Complaints.ComplaintOrchestration.Name, Workflows.Approvals.ApprovalOrchestration.Name,
    ];

    /// <summary>The workflows without their approval steps (each step is an instance of its own).</summary>
    public static readonly string[] WithoutSteps = [.. All.Where(n => n != Workflows.Approvals.ApprovalOrchestration.Name)];
}
