using Workflows.Approvals;
using Workflows.Approvals.Activities;
using Workflows.Cases;
using Workflows.Engine.Hosting;

namespace Workflows;

/// <summary>Registers every orchestration and activity of the programme workflows with the engine.</summary>
public static class ProgrammeWorkflowsEngineExtensions
{
    public static EngineBuilder AddProgrammeWorkflows(this EngineBuilder engine)
    {
        ArgumentNullException.ThrowIfNull(engine);
        engine
            .AddOrchestration<ApprovalOrchestration>()
            .AddOrchestration<Referrals.ReferralOrchestration>()
            .AddOrchestration<CsoAccess.CsoAccessOrchestration>()
            .AddOrchestration<CsoAccess.CsoVisitOrchestration>()
            .AddOrchestration<PreRelease.PreReleaseOrchestration>()
            .AddOrchestration<Repatriation.RepatriationOrchestration>()
            .AddOrchestration<Repatriation.ChildPlacementOrchestration>()
            .AddOrchestration<Complaints.ComplaintOrchestration>()
            .AddActivity<Repatriation.StartFollowOnWorkflowsActivity>()
            .AddActivity<Repatriation.WarrantsOnArrivalActivity>()
            .AddActivity<CsoAccess.SuspendVisitsActivity>()
            .AddActivity<CsoAccess.ReadAccessConditionsActivity>()
            .AddActivity<PreRelease.SealReleasePlanActivity>()
            .AddActivity<PreRelease.ReadProgrammeOutcomeActivity>()
            .AddActivity<ResolveApproversActivity>()
            .AddActivity<OpenApprovalTasksActivity>()
            .AddActivity<CloseApprovalTasksActivity>()
            .AddActivity<NotifyApprovalActivity>()
            .AddActivity<ReassignApprovalTasksActivity>()
            .AddActivity<ReopenApprovalTasksActivity>()
            .AddActivity<RescheduleApprovalTasksActivity>()
            .AddActivity<OpenClarificationTaskActivity>()
            .AddActivity<RecordCaseEventActivity>()
            .AddActivity<NotifyPeopleActivity>();
        return engine;
    }
}
