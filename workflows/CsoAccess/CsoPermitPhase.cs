using Workflows.Approvals;
using Workflows.Audit;
using Workflows.Engine;
using Workflows.Notifications;
using Workflows.Policies;
using static Workflows.WorkflowSteps;

namespace Workflows.CsoAccess;

/// <summary>
/// The permit: renewal reminders 60 and 30 days before expiry and the automatic end at expiry, staff
/// added later (CSO focal point → security vetting → central unit), renewal, and emergency suspension by
/// a director (<see cref="CsoSuspension"/>). Requests run as approval steps beside the permit's own
/// timers and beside a suspension, so nothing waits on anything else: a suspension takes effect at once
/// and expiry ends access even while a request is being decided. The execution continues as new
/// whenever nothing is running, so the history stays short however long the permit lives.
/// </summary>
internal sealed class CsoPermitPhase
{
    private const string First = "first";
    private const string Second = "second";

    private readonly OrchestrationContext _context;
    private readonly CsoAccessInput _input;
    private readonly CaseInfo _info;
    private readonly WorkflowPolicy _policy;
    private readonly List<RunningStep> _running = [];
    private PermitState _state;
    private CsoSuspension? _suspension;

    private CsoPermitPhase(OrchestrationContext context, CsoAccessInput input)
    {
        _context = context;
        _input = input;
        _info = input.Case;
        _policy = input.Policy;
        _state = input.Permit!;
    }

    public static Task<WorkflowResult> RunAsync(OrchestrationContext context, CsoAccessInput input) => new CsoPermitPhase(context, input).RunAsync();

    private async Task<WorkflowResult> RunAsync()
    {
        while (true)
        {
            var next = PendingReminders().Select(r => r.At).Append(_state.ValidUntil).Min();
            ShowStatus();
            using var cts = new CancellationTokenSource();
            var timer = _context.CreateTimer(next, cts.Token);
            var suspension = _context.WaitForExternalEvent<CsoSignal>(CsoEvents.SuspensionRequested, cts.Token);
            var staff = _context.WaitForExternalEvent<CsoSignal>(CsoEvents.StaffAdditionRequested, cts.Token);
            var renewal = _context.WaitForExternalEvent<CsoSignal>(CsoEvents.RenewalRequested, cts.Token);

            // Outside a suspension a response has nothing to answer: taking it here keeps it from answering a later one.
            var response = _suspension is null ? _context.WaitForExternalEvent<CsoSignal>(CsoEvents.CsoResponded, cts.Token) : null;
            var waits = new List<Task> { timer, suspension, staff, renewal };
            waits.AddRange(_running.Select(r => r.Outcome));
            waits.Add(response is null ? _suspension!.Revoked : response);
            await Task.WhenAny(waits);
            Cancel(cts);

            if (timer.IsCompletedSuccessfully && await OnTimerAsync() is { } expired)
            {
                return expired;
            }

            if (suspension.IsCompletedSuccessfully)
            {
                await SuspendAsync(suspension.Result);
            }

            if (staff.IsCompletedSuccessfully)
            {
                await StartStaffAdditionAsync(staff.Result);
            }

            if (renewal.IsCompletedSuccessfully)
            {
                await StartRenewalAsync(renewal.Result);
            }

            if (response is { IsCompletedSuccessfully: true })
            {
                await RecordAsync(_context, _info, AuditActions.EventRecorded, "CsoResponseWithoutSuspension");
            }

            foreach (var done in _running.Where(r => r.Outcome.IsCompleted).ToList())
            {
                _running.Remove(done);
                await ApplyAsync(done, await done.Outcome);
            }

            if (_suspension is { Revoked.IsCompleted: true } ended && await EndSuspensionAsync(ended) is { } revoked)
            {
                return revoked;
            }

            if (_running.Count == 0 && _suspension is null)
            {
                _context.ContinueAsNew(_input with { Permit = _state with { Cycle = _state.Cycle + 1 } });
                return new WorkflowResult("ContinuedAsNew");
            }
        }
    }

    private IEnumerable<(string Key, DateTimeOffset At)> PendingReminders() =>
        new[] { (First, _policy.Timer("renewalReminderFirst")), (Second, _policy.Timer("renewalReminderSecond")) }
            .Where(r => !_state.RemindersSent.Contains(r.Item1))
            .Select(r => (r.Item1, _policy.Calendar.Subtract(_state.ValidUntil, r.Item2)));

    private ApprovalRequest Req(string step, string? requesterId = null) =>
        Request(_info, _policy, step) with { OrganisationId = _input.OrganisationId, RequesterId = requesterId ?? _info.RequesterId };

    /// <summary>Expiry ends the permit (whatever is running); otherwise the renewal reminders now due go out.</summary>
    private async Task<WorkflowResult?> OnTimerAsync()
    {
        var now = _context.CurrentUtcDateTime;
        if (now >= _state.ValidUntil)
        {
            return await EndAsync(CsoOutcomes.PermitExpired);
        }

        var due = PendingReminders().Where(r => r.At <= now).Select(r => r.Key).ToList();
        if (due.Count > 0)
        {
            await NotifyAsync(_context, _info, NotificationKind.Alert, "renewal", "RenewalReminder", Roles.CentralPartnershipsUnit, ScopeLevel.Central, people: [_info.RequesterId], due: _state.ValidUntil);
            _state = _state with { RemindersSent = [.. _state.RemindersSent, .. due] };
        }

        return null;
    }

    /// <summary>Immediate: the case is Suspended (no visit is accepted) before anything else happens.</summary>
    private async Task SuspendAsync(CsoSignal signal)
    {
        if (_suspension is not null)
        {
            await RecordAsync(_context, _info, AuditActions.EventRecorded, "FurtherIncidentWhileSuspended", section: $"incident-{_context.CurrentUtcDateTime:yyyyMMddHHmmss}", data: new { signal.FacilityId, signal.RequestedBy, at = _context.CurrentUtcDateTime });
            return;
        }

        await RecordAsync(_context, _info, AuditActions.EventRecorded, "Suspended", status: CsoOutcomes.Suspended, section: "suspension", data: new { signal.FacilityId, signal.RequestedBy, suspendedAt = _context.CurrentUtcDateTime });
        await NotifyAsync(_context, _info, NotificationKind.Alert, "suspension", CsoOutcomes.Suspended, people: [_info.RequesterId]);

        // Visit requests already made stop with the permit: pending ones are withdrawn, approved future visits cancelled.
        var visits = await _context.CallDomainActivityAsync<int>(SuspendVisitsActivity.Name, _info.CaseId);
        if (visits > 0)
        {
            await RecordAsync(_context, _info, AuditActions.EventRecorded, $"VisitsStoppedBySuspension {visits}");
        }

        _suspension = CsoSuspension.Start(_context, _info, _policy, step => Req(step, signal.RequestedBy ?? Actor.System.UserId));
    }

    private async Task<WorkflowResult?> EndSuspensionAsync(CsoSuspension ended)
    {
        _suspension = null;
        var revoked = await ended.Revoked;
        ended.Dispose();
        if (revoked)
        {
            return await EndAsync(CsoOutcomes.Revoked);
        }

        await RecordAsync(_context, _info, AuditActions.EventRecorded, "SuspensionLifted", status: CsoOutcomes.PermitActive);
        await NotifyAsync(_context, _info, NotificationKind.Outcome, "suspension", "SuspensionLifted", people: [_info.RequesterId]);
        return null;
    }

    private async Task StartStaffAdditionAsync(CsoSignal signal)
    {
        if (signal.StaffId is not { } staffId || _state.ApprovedStaff.Contains(staffId) || _running.Any(r => r.StaffId == staffId))
        {
            await RecordAsync(_context, _info, AuditActions.EventRecorded, "StaffAdditionAlreadyApprovedOrPending");
            return;
        }

        _running.Add(await RunningStep.StartAsync(_context, Req("staffAddition") with { SubjectRef = staffId }, staffId));
    }

    private async Task StartRenewalAsync(CsoSignal signal)
    {
        if (_running.Any(r => r.Step == "renewal"))
        {
            await RecordAsync(_context, _info, AuditActions.EventRecorded, "RenewalAlreadyPending");
            return;
        }

        _running.Add(await RunningStep.StartAsync(_context, Req("renewal", signal.RequestedBy)));
    }

    private async Task ApplyAsync(RunningStep step, ApprovalOutcome outcome)
    {
        if (step.StaffId is { } staffId)
        {
            if (outcome.IsApproved)
            {
                _state = _state with { ApprovedStaff = [.. _state.ApprovedStaff, staffId] };
                await RecordAsync(_context, _info, AuditActions.EventRecorded, "StaffAdded", section: "accessAgreement-staff", data: new { staff = _state.ApprovedStaff });
                await RecordPermitAsync();
            }
            else
            {
                await RecordAsync(_context, _info, AuditActions.StepOutcome, "StaffAddition" + outcome.Result);
            }

            await NotifyAsync(_context, _info, NotificationKind.Outcome, "staffAddition", "StaffAddition" + outcome.Result, people: [_info.RequesterId]);
            return;
        }

        if (outcome.IsApproved)
        {
            _state = _state with { ValidUntil = _policy.Calendar.Add(_state.ValidUntil, _policy.Timer("permitValidity")), RemindersSent = [] };
            var conditions = await AccessConditions.ReadAsync(_context, _info, "renewal", outcome, _state.ValidUntil);
            await RecordAsync(_context, _info, AuditActions.EventRecorded, "PermitRenewed", section: "accessAgreement-validity", data: new { validUntil = _state.ValidUntil, withConditions = outcome.WithConditions, conditions });
            await RecordPermitAsync();
        }
        else
        {
            await RecordAsync(_context, _info, AuditActions.StepOutcome, "Renewal" + outcome.Result);
        }

        await NotifyAsync(_context, _info, NotificationKind.Outcome, "renewal", "Renewal" + outcome.Result, people: [_info.RequesterId], due: _state.ValidUntil);
    }

    private Task RecordPermitAsync() =>
        RecordAsync(_context, _info, AuditActions.SectionWritten, "PermitUpdated", section: PermitRecord.SectionName, data: new PermitRecord(_state.ValidUntil, _state.ApprovedStaff, _input.FacilityIds).ToSectionData());

    /// <summary>The permit ends: what is still running is withdrawn (its tasks close), then the outcome is recorded.</summary>
    private async Task<WorkflowResult> EndAsync(string outcome)
    {
        var pending = new List<Task>();
        foreach (var step in _running.Where(r => !r.Outcome.IsCompleted))
        {
            ApprovalStep.Withdraw(_context, step.Prepared);
            pending.Add(step.Outcome);
        }

        var suspension = _suspension;
        if (suspension is not null)
        {
            pending.Add(suspension.Stop());
        }

        await Task.WhenAll(pending);
        suspension?.Dispose();
        return await FinishAsync(_context, _info, outcome);
    }

    private void ShowStatus()
    {
        var steps = _running.Select(r => r.Prepared).Concat(_suspension?.Current is { } c ? [c.Prepared] : []).ToList();
        _context.SetCustomStatus(new WorkflowStatus
        {
            Step = _suspension is null ? "permit" : "suspended",
            NextDeadline = steps.Select(p => p.Status.NextDeadline).OfType<DateTimeOffset>().Append(_state.ValidUntil).Min(),
            WaitingOnTaskIds = steps.SelectMany(p => p.Status.WaitingOnTaskIds).ToList(),
            WaitingOnRoles = steps.Count == 0 ? [Roles.CsoFocalPoint] : steps.SelectMany(p => p.Status.WaitingOnRoles).Distinct().ToList(),
        });
    }
}
