using Workflows.Approvals;
using Workflows.Audit;
using Workflows.Engine;
using Workflows.Notifications;
using Workflows.Policies;
using static Workflows.WorkflowSteps;

namespace Workflows.CsoAccess;

/// <summary>
/// Step 10 after the immediate suspension: central confirmation within 7 days (unconfirmed, it is
/// lifted), the CSO's response, then the final decision within 30 days of the suspension by someone
/// who did not confirm it. Runs beside the permit's timers and requests; <see cref="Stop"/> ends it
/// when the permit ends first (expiry), withdrawing the step it waits on.
/// </summary>
internal sealed class CsoSuspension : IDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly OrchestrationContext _context;
    private readonly CaseInfo _info;
    private readonly WorkflowPolicy _policy;
    private readonly Func<string, ApprovalRequest> _request;
    private readonly DateTimeOffset _suspendedAt;

    private CsoSuspension(OrchestrationContext context, CaseInfo info, WorkflowPolicy policy, Func<string, ApprovalRequest> request)
    {
        _context = context;
        _info = info;
        _policy = policy;
        _request = request;
        _suspendedAt = context.CurrentUtcDateTime;
        Revoked = RunAsync();
    }

    /// <summary>True when the final decision revokes the permit; false when the suspension is lifted (or stopped).</summary>
    public Task<bool> Revoked { get; }

    /// <summary>The approval step the suspension waits on, if any.</summary>
    public RunningStep? Current { get; private set; }

    /// <summary>Starts the suspension; <paramref name="request"/> builds a step's request, whose requester is the director who suspended.</summary>
    public static CsoSuspension Start(OrchestrationContext context, CaseInfo info, WorkflowPolicy policy, Func<string, ApprovalRequest> request) => new(context, info, policy, request);

    /// <summary>Ends the suspension's waits and withdraws its running step; returns that step's outcome task to await.</summary>
    public Task Stop()
    {
        Cancel(_stop);
        if (Current is { Outcome.IsCompleted: false } current)
        {
            ApprovalStep.Withdraw(_context, current.Prepared);
            return current.Outcome;
        }

        return Task.CompletedTask;
    }

    public void Dispose() => _stop.Dispose();

    private async Task<bool> RunAsync()
    {
        var confirmation = await StepAsync(_request("suspensionConfirmation"));
        if (_stop.IsCancellationRequested || !confirmation.IsApproved)
        {
            return false;
        }

        var responseBy = _policy.Calendar.Add(_context.CurrentUtcDateTime, _policy.Timer("csoResponseWindow"));
        await RecordAsync(_context, _info, AuditActions.StepOutcome, "SuspensionConfirmed", section: "suspension-confirmation", data: new { confirmedAt = _context.CurrentUtcDateTime, responseBy });
        await NotifyAsync(_context, _info, NotificationKind.Outcome, "suspension", "SuspensionConfirmedResponseInvited", people: [_info.RequesterId], due: responseBy);

        // The CSO may respond (at once or within the window); the final decision falls within 30 days of the suspension.
        using (var window = CancellationTokenSource.CreateLinkedTokenSource(_stop.Token))
        {
            var response = _context.WaitForExternalEvent<CsoSignal>(CsoEvents.CsoResponded, window.Token);
            var timer = _context.CreateTimer(responseBy, window.Token);
            await Task.WhenAny(response, timer);
            Cancel(window);
            if (response.IsCompletedSuccessfully)
            {
                await RecordAsync(_context, _info, AuditActions.EventRecorded, "CsoRespondedToSuspension");
            }
        }

        if (_stop.IsCancellationRequested)
        {
            return false;
        }

        var final = await StepAsync(_request("suspensionFinal") with { ClockStart = _suspendedAt, ExcludedUserIds = confirmation.DeciderIds.ToList() });
        return !_stop.IsCancellationRequested && final.IsApproved;
    }

    private async Task<ApprovalOutcome> StepAsync(ApprovalRequest request)
    {
        Current = await RunningStep.StartAsync(_context, request);
        var outcome = await Current.Outcome;
        Current = null;
        return outcome;
    }
}
