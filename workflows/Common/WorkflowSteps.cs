using System.Text.Json;
using Workflows.Approvals;
using Workflows.Audit;
using Workflows.Cases;
using Workflows.Engine;
using Workflows.Notifications;
using Workflows.Policies;

namespace Workflows;

/// <summary>Small building blocks shared by the workflow orchestrations (they read like domain.md, the plumbing is here).</summary>
public static class WorkflowSteps
{
    public static ApprovalRequest Request(CaseInfo info, WorkflowPolicy policy, string step, IReadOnlyList<string>? excluded = null, StepPolicy? stepPolicy = null)
    {
        ArgumentNullException.ThrowIfNull(info);
        ArgumentNullException.ThrowIfNull(policy);
        return new ApprovalRequest
        {
            Workflow = info.Workflow,
            Step = step,
            CaseId = info.CaseId,
            CaseReference = info.Reference,
            FacilityId = info.FacilityId,
            RegionId = info.RegionId,
            RequesterId = info.RequesterId,
            Policy = stepPolicy ?? policy.Step(step),
            Calendar = policy.Calendar,
            ReasonCatalogue = policy.ReasonCodes,
            ExcludedUserIds = excluded ?? [],
        };
    }

    /// <summary>Records an event on the case (audit entry, optional section in a tier, optional status).</summary>
    public static Task RecordAsync(OrchestrationContext context, CaseInfo info, string action, string? reason = null, string? status = null, string? section = null, object? data = null, DataTier tier = DataTier.Workflow)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(info);
        return context.CallDomainActivityAsync<bool>(RecordCaseEventActivity.Name, new CaseEventInput
        {
            CaseId = info.CaseId,
            Action = action,
            Reason = reason,
            Status = status,
            SectionName = section,
            Tier = tier,
            SectionData = data is null ? null : JsonSerializer.SerializeToElement(data, data.GetType()),
        });
    }

    /// <summary>Notifies people, a role and/or the subject; the holders of a role alerted or escalated to join the case as the notice goes (need to know).</summary>
    public static async Task NotifyAsync(OrchestrationContext context, CaseInfo info, NotificationKind kind, string? step, string? code, string? role = null, ScopeLevel scope = ScopeLevel.Facility, IReadOnlyList<string>? people = null, bool toSubject = false, string? challengeRoute = null, DateTimeOffset? due = null)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(info);
        var input = new NotifyPeopleInput
        {
            CaseId = info.CaseId,
            Kind = kind,
            Step = step,
            Code = code,
            Role = role,
            Scope = scope,
            PersonIds = people ?? [],
            ToSubject = toSubject,
            ChallengeRoute = challengeRoute,
            Due = due,
        };
        await context.CallDomainActivityAsync<int>(NotifyPeopleActivity.Name, input);
    }

    /// <summary>Ends a workflow: records the outcome, tells the requester, and (for decisions affecting the person) sends the subject a decision notice with the way to challenge it.</summary>
    public static async Task<WorkflowResult> FinishAsync(OrchestrationContext context, CaseInfo info, string outcome, bool noticeToSubject = false, string? challengeRoute = "complaint")
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(info);
        await RecordAsync(context, info, AuditActions.WorkflowOutcome, outcome, status: outcome);
        await NotifyAsync(context, info, NotificationKind.Outcome, null, outcome, people: [info.RequesterId], toSubject: noticeToSubject, challengeRoute: challengeRoute);
        context.SetCustomStatus(new WorkflowStatus { Step = "closed:" + outcome });
        return new WorkflowResult(outcome);
    }

    /// <summary>Shows a non-approval wait (a gate, a timer) in the custom status.</summary>
    public static void ShowWait(OrchestrationContext context, string step, DateTimeOffset? deadline, params string[] roles)
    {
        ArgumentNullException.ThrowIfNull(context);
        context.SetCustomStatus(new WorkflowStatus { Step = step, NextDeadline = deadline, WaitingOnRoles = roles });
    }

    /// <summary>Waits for an event until <paramref name="until"/>; null when the time came first (the waiter is then cancelled).</summary>
    public static async Task<T?> WaitForEventAsync<T>(OrchestrationContext context, string eventName, DateTimeOffset until)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(context);
        using var cts = new CancellationTokenSource();
        var signal = context.WaitForExternalEvent<T>(eventName, cts.Token);
        var timer = context.CreateTimer(until, cts.Token);
        var winner = await Task.WhenAny(signal, timer);
        Cancel(cts);
        return winner == signal && signal.IsCompletedSuccessfully ? signal.Result : null;
    }

    public static void Cancel(CancellationTokenSource cts)
    {
        ArgumentNullException.ThrowIfNull(cts);
        cts.Cancel();
    }
}
