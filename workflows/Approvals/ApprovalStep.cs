using Workflows.Approvals.Activities;
using Workflows.Engine;
using Workflows.Policies;

namespace Workflows.Approvals;

/// <summary>
/// How workflows run an approval step: resolve the approvers (an activity), give every candidate a task
/// id, show the step in the parent's custom status, and call the <see cref="ApprovalOrchestration"/>.
/// </summary>
public static class ApprovalStep
{
    /// <summary>A prepared step: the request with its slots, the sub-orchestration id and the status to show.</summary>
    public sealed record Prepared(ApprovalRequest Request, string InstanceId, WorkflowStatus Status);

    /// <summary>Resolves approvers and assigns task ids (deterministically, from the orchestration's GUIDs).</summary>
    public static async Task<ApprovalRequest> ResolveAsync(OrchestrationContext context, ApprovalRequest request)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(request);
        var slots = await ResolveSlotsAsync(context, request, request.Policy.Approvers, request.Policy.Mode == ApprovalMode.Sequential);
        return request with { Slots = slots };
    }

    internal static async Task<IReadOnlyList<ApprovalSlot>> ResolveSlotsAsync(OrchestrationContext context, ApprovalRequest request, IReadOnlyList<ApproverRule> rules, bool sequential)
    {
        var resolved = await context.CallDomainActivityAsync<IReadOnlyList<ApprovalSlot>>(
            ResolveApproversActivity.Name,
            new ResolveApproversInput
            {
                FacilityId = request.FacilityId,
                RegionId = request.RegionId,
                OrganisationId = request.OrganisationId,
                Rules = rules,
                NamedApproverIds = request.NamedApproverIds,
                ExcludedUserIds = request.ExcludedUserIds,
                VetoRoles = request.Policy.VetoRoles,
                WomenStaffOnly = request.WomenStaffOnly,
                Sequential = sequential,
            });
        return resolved.Select(s => s with { Candidates = s.Candidates.Select(c => c with { TaskId = NewTaskId(context) }).ToList() }).ToList();
    }

    /// <summary>
    /// A task id unique across executions: NewGuid is derived from the instance id, the episode time and a
    /// counter, so two executions of one instance (continue-as-new) at the same instant would repeat it;
    /// the execution id tells them apart.
    /// </summary>
    internal static string NewTaskId(OrchestrationContext context) => "t-" + UniqueSuffix(context, 24);

    internal static string UniqueSuffix(OrchestrationContext context, int length)
    {
        var execution = context.ExecutionId.Replace("-", string.Empty, StringComparison.Ordinal);
        var guid = context.NewGuid().ToString("N");
        return (execution[..Math.Min(8, execution.Length)] + guid)[..length];
    }

    /// <summary>Resolves the step and computes its sub-orchestration id and status, without starting it.</summary>
    public static async Task<Prepared> PrepareAsync(OrchestrationContext context, ApprovalRequest request)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(request);
        var resolved = await ResolveAsync(context, request with { ParentInstanceId = context.InstanceId });
        var instanceId = $"{context.InstanceId}:{request.Step}:{UniqueSuffix(context, 12)}";
        var firstStage = resolved.Slots!.Where(s => !s.Authority).Select(s => s.Stage).DefaultIfEmpty(0).Min();
        var waiting = resolved.Slots!.Where(s => request.Policy.Mode != ApprovalMode.Sequential || s.Stage == firstStage).ToList();
        var timing = waiting.Count > 0 ? request.Policy.ForStage(waiting[0].Role) : request.Policy;
        var status = new WorkflowStatus
        {
            Step = request.Step,
            NextDeadline = request.Calendar.Add(request.ClockStart ?? context.CurrentUtcDateTime, timing.Deadline),
            WaitingOnTaskIds = waiting.SelectMany(s => s.Candidates.Select(c => c.TaskId)).ToList(),
            WaitingOnRoles = waiting.Select(s => s.Role).Distinct().ToList(),
            ApprovalInstanceId = instanceId,
        };
        return new Prepared(resolved, instanceId, status);
    }

    /// <summary>Starts a prepared step and returns its outcome when it ends.</summary>
    public static Task<ApprovalOutcome> RunPreparedAsync(OrchestrationContext context, Prepared prepared)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(prepared);
        var tags = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            [WorkflowNames.CaseTag] = prepared.Request.CaseId,
            [WorkflowNames.WorkflowTag] = prepared.Request.Workflow,
            [WorkflowNames.FacilityTag] = prepared.Request.FacilityId,
            ["step"] = prepared.Request.Step,
        };
        return context.CallSubOrchestrationAsync<ApprovalOutcome>(ApprovalOrchestration.Name, prepared.Request, new SubOrchestrationOptions { InstanceId = prepared.InstanceId, Tags = tags });
    }

    /// <summary>Withdraws a running step (e.g. the vetting of staff once the organisation itself was refused); it ends as Withdrawn.</summary>
    public static void Withdraw(OrchestrationContext context, Prepared prepared)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(prepared);
        context.SendEvent(prepared.InstanceId, ApprovalSignal.EventName, new ApprovalSignal
        {
            Kind = SignalKind.Withdraw,
            SignalId = "w-" + UniqueSuffix(context, 24),
            ActorId = Actor.System.UserId,
            At = context.CurrentUtcDateTime,
        });
    }

    /// <summary>Moves a running step's deadline, reminders and escalations by <paramref name="shift"/> (its reference date moved).</summary>
    public static void Reschedule(OrchestrationContext context, string approvalInstanceId, TimeSpan shift)
    {
        ArgumentNullException.ThrowIfNull(context);
        context.SendEvent(approvalInstanceId, ApprovalSignal.EventName, new ApprovalSignal
        {
            Kind = SignalKind.Rescheduled,
            SignalId = "r-" + UniqueSuffix(context, 24),
            ActorId = Actor.System.UserId,
            At = context.CurrentUtcDateTime,
            ShiftBy = shift,
        });
    }

    /// <summary>Runs one approval step, showing it in the parent's custom status while it waits.</summary>
    public static async Task<ApprovalOutcome> RunAsync(OrchestrationContext context, ApprovalRequest request)
    {
        ArgumentNullException.ThrowIfNull(context);
        var prepared = await PrepareAsync(context, request);
        context.SetCustomStatus(prepared.Status);
        return await RunPreparedAsync(context, prepared);
    }
}
