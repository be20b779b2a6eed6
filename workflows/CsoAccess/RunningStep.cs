using Workflows.Approvals;
using Workflows.Engine;

namespace Workflows.CsoAccess;

/// <summary>An approval step the permit phase started and has not seen end yet (it can be withdrawn).</summary>
internal sealed record RunningStep(ApprovalStep.Prepared Prepared, Task<ApprovalOutcome> Outcome, string? StaffId = null)
{
    public string Step => Prepared.Request.Step;

    public static async Task<RunningStep> StartAsync(OrchestrationContext context, ApprovalRequest request, string? staffId = null)
    {
        var prepared = await ApprovalStep.PrepareAsync(context, request);
        return new RunningStep(prepared, ApprovalStep.RunPreparedAsync(context, prepared), staffId);
    }
}
