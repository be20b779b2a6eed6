using Workflows.Approvals.Activities;
using Workflows.Engine;
using Workflows.Notifications;
using Workflows.Policies;

namespace Workflows.Approvals;

/// <summary>
/// The approval building block, used by every workflow as a sub-orchestration: opens a task per
/// approver, then races decision signals against reminders, escalations and the end of the chain, all
/// computed from the step policy and the working-day calendar carried in its input. Each stage of a
/// sequential step runs on its own clock with its own timing (<see cref="StepPolicy.ForStage"/>). The
/// outcome is <see cref="ApprovalOutcomeRule.Conclude"/> applied to the counted decisions.
/// </summary>
[OrchestrationName(Name)]
public sealed class ApprovalOrchestration : Orchestration<ApprovalRequest, ApprovalOutcome>
{
    public const string Name = "Approval";

    public override async Task<ApprovalOutcome> RunAsync(OrchestrationContext context, ApprovalRequest input)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);
        var request = input.Slots is null ? await ApprovalStep.ResolveAsync(context, input) : input;
        var run = new ApprovalRun(context, request);
        return await run.RunAsync();
    }

    /// <summary>The state of one approval step, rebuilt on every replay.</summary>
    private sealed class ApprovalRun(OrchestrationContext context, ApprovalRequest request)
    {
        private readonly StepPolicy _policy = request.Policy;
        private readonly List<ApprovalSlot> _slots = [.. request.Slots!];
        private readonly Dictionary<int, DecisionKind> _decided = [];
        private readonly HashSet<int> _activeAuthorities = [];
        private readonly List<CountedDecision> _counted = [];
        private readonly Dictionary<string, string> _attributes = new(StringComparer.Ordinal);
        private readonly Dictionary<int, IReadOnlyDictionary<string, string>> _approvalAttributes = [];
        private readonly Dictionary<string, int> _taskSlot = new(StringComparer.Ordinal);
        private readonly List<string> _openTasks = [];
        private readonly HashSet<string> _fired = new(StringComparer.Ordinal);
        private DateTimeOffset _stageStart = request.ClockStart ?? context.CurrentUtcDateTime;
        private StepPolicy _timing = request.Policy;
        private int _openedStage = -1;
        private bool _tieBreakerAdded;
        private (string ApproverTaskId, string ClarificationTaskId, DateTimeOffset Due)? _clarification;

        private ApprovalRuleSpec Spec => new(_policy.Mode, _policy.Quorum, _slots, _policy.RequiredRoles);

        private DateTimeOffset Due
        {
            get
            {
                var due = request.Calendar.Add(_stageStart, _timing.Deadline);
                return request.ExpiresAt is { } expires && expires < due ? expires : due;
            }
        }

        public async Task<ApprovalOutcome> RunAsync()
        {
            await OpenCurrentStageAsync();
            while (true)
            {
                SetStatus();
                var next = NextTimer();
                using var cts = new CancellationTokenSource();
                var signal = context.WaitForExternalEvent<ApprovalSignal>(ApprovalSignal.EventName, cts.Token);
                var timer = next is { } at ? context.CreateTimer(at, cts.Token) : null;
                var winner = timer is null ? await Task.WhenAny(signal) : await Task.WhenAny(signal, timer);
                Cancel(cts);
                var outcome = winner == signal && signal.IsCompletedSuccessfully
                    ? await HandleSignalAsync(signal.Result)
                    : await FireTimersAsync();
                if (outcome is not null)
                {
                    return outcome;
                }
            }
        }

        private static void Cancel(CancellationTokenSource cts) => cts.Cancel();

        private async Task OpenCurrentStageAsync(bool restartClock = false)
        {
            var stage = _policy.Mode == ApprovalMode.Sequential ? ApprovalOutcomeRule.CurrentStage(Spec, _decided) : 0;
            if (stage == _openedStage || stage == int.MaxValue)
            {
                return;
            }

            _openedStage = stage;
            if (restartClock)
            {
                // Each stage of a sequential step has its own clock: deadline, reminders and escalations start again.
                _stageStart = context.CurrentUtcDateTime;
                _fired.Clear();
            }

            var slots = _slots.Where(s => !s.Authority && (_policy.Mode != ApprovalMode.Sequential || s.Stage == stage)).ToList();
            _timing = _policy.Mode == ApprovalMode.Sequential && slots.Count > 0 ? _policy.ForStage(slots[0].Role) : _policy;
            await OpenSlotsAsync(slots, null);
        }

        private async Task OpenSlotsAsync(IReadOnlyList<ApprovalSlot> slots, string? reason)
        {
            foreach (var candidate in slots.SelectMany(s => s.Candidates.Select(c => (s, c))))
            {
                _taskSlot[candidate.c.TaskId] = candidate.s.Index;
                _openTasks.Add(candidate.c.TaskId);
            }

            await context.CallDomainActivityAsync<int>(
                OpenApprovalTasksActivity.Name,
                new OpenTasksInput { Request = request with { Slots = null }, InstanceId = context.InstanceId, Slots = slots, Due = Due, Reason = reason });
        }

        private DateTimeOffset? NextTimer() =>
            _clarification is { } c ? c.Due : Schedule().Where(e => !_fired.Contains(e.Key)).Select(e => (DateTimeOffset?)e.At).Min();

        private IEnumerable<(string Key, DateTimeOffset At, Func<Task<ApprovalOutcome?>> Fire)> Schedule()
        {
            for (var i = 0; i < _timing.Reminders.Count; i++)
            {
                yield return ($"r{i}", request.Calendar.Add(_stageStart, _timing.Reminders[i]), RemindAsync);
            }

            for (var i = 0; i < _timing.Escalations.Count; i++)
            {
                var level = _timing.Escalations[i];
                var index = i;
                yield return ($"e{i}", request.Calendar.Add(_stageStart, level.At), () => EscalateAsync(level, index));
            }

            if (_timing.Exhausted is { } exhausted)
            {
                yield return ("x", request.Calendar.Add(_stageStart, exhausted.At), () => ExhaustAsync(exhausted));
            }

            if (request.ExpiresAt is { } expiresAt)
            {
                yield return ("expires", expiresAt, () => FinishAsync(ApprovalResult.Expired, null));
            }
        }

        private async Task<ApprovalOutcome?> FireTimersAsync()
        {
            var now = context.CurrentUtcDateTime;
            if (_clarification is { } c)
            {
                // The requester did not answer in time: the request lapses.
                return c.Due <= now ? await FinishAsync(ApprovalResult.Expired, null) : null;
            }

            foreach (var entry in Schedule().Where(e => !_fired.Contains(e.Key) && e.At <= now).OrderBy(e => e.At).ToList())
            {
                _fired.Add(entry.Key);
                if (await entry.Fire() is { } outcome)
                {
                    return outcome;
                }
            }

            return null;
        }

        private async Task<ApprovalOutcome?> RemindAsync()
        {
            await NotifyAsync(NotificationKind.Reminder, _openTasks.ToList(), null, ScopeLevel.Facility, "Reminder", Audit.AuditActions.ReminderSent);
            return null;
        }

        private async Task<ApprovalOutcome?> EscalateAsync(EscalationLevel level, int index)
        {
            var code = $"EscalationLevel{index + 1}";
            switch (level.Action)
            {
                case EscalationAction.Notify:
                    await NotifyAsync(NotificationKind.Escalation, [], level.Role, level.Scope, code, Audit.AuditActions.Escalated);
                    break;
                case EscalationAction.Reassign:
                    await context.CallDomainActivityAsync<int>(
                        ReassignApprovalTasksActivity.Name,
                        new ReassignInput
                        {
                            Request = request with { Slots = null },
                            InstanceId = context.InstanceId,
                            TaskIds = _openTasks.ToList(),
                            Role = level.Role,
                            Scope = level.Scope,
                            ToManager = level.ToManager,
                            Reason = code,
                        });
                    break;
                case EscalationAction.AddApprover when _policy.Mode == ApprovalMode.Quorum:
                    await AddApproversAsync(new ApproverRule(level.Role!, level.Scope), code, authority: false);
                    break;
                default:
                    await AddApproversAsync(new ApproverRule(level.Role!, level.Scope), code, authority: true);
                    break;
            }

            return null;
        }

        /// <summary>
        /// Adds approvers for <paramref name="rule"/>. As an authority, each one's decision stands on its own; as a voter —
        /// four eyes (safeguard 9): the director added to an overdue quorum step on a risk assessment — each casts one vote
        /// towards the quorum, and it still takes a second, different person to agree.
        /// </summary>
        private async Task AddApproversAsync(ApproverRule rule, string reason, bool authority)
        {
            var resolved = await ApprovalStep.ResolveSlotsAsync(context, request with { NamedApproverIds = null }, [rule], sequential: false);
            var added = new List<ApprovalSlot>();
            foreach (var slot in resolved)
            {
                var approver = slot with { Index = _slots.Count, Authority = authority, Stage = 0 };
                _slots.Add(approver);
                if (authority)
                {
                    _activeAuthorities.Add(approver.Index);
                }

                added.Add(approver);
            }

            await OpenSlotsAsync(added, reason);
        }

        private async Task<ApprovalOutcome?> ExhaustAsync(ExhaustedRule exhausted)
        {
            // The approvers still holding a task and the policy's role learn that the chain ran out (ids and codes only).
            var expire = exhausted.Action == ExhaustedAction.Expire;
            await NotifyAsync(NotificationKind.Alert, _openTasks.ToList(), exhausted.Notify, exhausted.Scope, expire ? "StepExpired" : "DefaultDecision", expire ? Audit.AuditActions.Expired : null);
            if (expire)
            {
                return await FinishAsync(ApprovalResult.Expired, null);
            }

            if (exhausted.Approve && _policy.Mode == ApprovalMode.Sequential && _slots.Any(s => !s.Authority && s.Stage > _openedStage))
            {
                return await ApproveStageByDefaultAsync(exhausted.AuthorityRole);
            }

            return await FinishAsync(exhausted.Approve ? ApprovalResult.Approved : ApprovalResult.Rejected, exhausted.AuthorityRole);
        }

        /// <summary>
        /// A default approval settles the stage whose chain ran out, never the stages after it: a later
        /// approver (central administration after the director) still decides, on a clock of their own.
        /// </summary>
        private async Task<ApprovalOutcome?> ApproveStageByDefaultAsync(string? authority)
        {
            foreach (var slot in _slots.Where(s => !s.Authority && s.Stage == _openedStage && !_decided.ContainsKey(s.Index)))
            {
                _decided[slot.Index] = DecisionKind.Approve;
            }

            // Escalation approvers added during this stage settle nothing any more; their tasks close with the stage's.
            var open = _openTasks.ToList();
            _openTasks.Clear();
            _activeAuthorities.Clear();
            await CloseAsync(open, ApprovalTaskStatus.Cancelled, ApprovalResult.Approved, authority);
            await OpenCurrentStageAsync(restartClock: true);
            return null;
        }

        private async Task<ApprovalOutcome?> HandleSignalAsync(ApprovalSignal signal)
        {
            switch (signal.Kind)
            {
                case SignalKind.Withdraw:
                    return await FinishAsync(ApprovalResult.Withdrawn, null);
                case SignalKind.Delegated or SignalKind.Reassigned:
                    if (signal.TaskId is { } changed && _openTasks.Contains(changed))
                    {
                        await NotifyAsync(signal.Kind == SignalKind.Delegated ? NotificationKind.Delegated : NotificationKind.Reassigned, [changed], null, ScopeLevel.Facility, signal.Kind.ToString(), null);
                    }

                    return null;
                case SignalKind.Rescheduled when signal.ShiftBy is { } shift:
                    await ShiftClockAsync(shift);
                    return null;
                case SignalKind.ClarificationAnswered:
                    if (_clarification is { } c && c.ClarificationTaskId == signal.TaskId)
                    {
                        _clarification = null;
                        _stageStart = context.CurrentUtcDateTime;
                        _fired.Clear();
                        _openTasks.Add(c.ApproverTaskId);
                        await context.CallDomainActivityAsync<int>(ReopenApprovalTasksActivity.Name, new ReopenTasksInput([c.ApproverTaskId], Due));
                        await NotifyAsync(NotificationKind.ClarificationAnswered, [c.ApproverTaskId], null, ScopeLevel.Facility, null, Audit.AuditActions.ClarificationAnswered);
                    }

                    return null;
                default:
                    return await HandleDecisionAsync(signal);
            }
        }

        /// <summary>Moves the deadline, reminders and escalations still ahead (and the open tasks' due time) by <paramref name="shift"/>.</summary>
        private async Task ShiftClockAsync(TimeSpan shift)
        {
            _stageStart += shift;
            var now = context.CurrentUtcDateTime;
            _fired.RemoveWhere(key => Schedule().Any(e => e.Key == key && e.At > now));
            await context.CallDomainActivityAsync<int>(RescheduleApprovalTasksActivity.Name, new RescheduleTasksInput(_openTasks.ToList(), Due));
        }

        private async Task<ApprovalOutcome?> HandleDecisionAsync(ApprovalSignal signal)
        {
            if (signal.TaskId is not { } taskId || !_taskSlot.TryGetValue(taskId, out var slotIndex) || signal.Decision is not { } kind)
            {
                return null;
            }

            var slot = _slots[slotIndex];
            if (kind == DecisionKind.ReturnForClarification)
            {
                if (_clarification is null && _policy.AllowClarification && _openTasks.Remove(taskId))
                {
                    var clarificationTaskId = NewTaskId();
                    var due = request.Calendar.Add(context.CurrentUtcDateTime, _policy.ClarificationDeadline);
                    _clarification = (taskId, clarificationTaskId, due);
                    _taskSlot[clarificationTaskId] = slotIndex;
                    await context.CallDomainActivityAsync<bool>(OpenClarificationTaskActivity.Name, new ClarificationInput(request with { Slots = null }, context.InstanceId, taskId, clarificationTaskId, due));
                }

                return null;
            }

            if (!ApprovalOutcomeRule.IsActive(Spec, slot, _decided, _activeAuthorities) || !_openTasks.Contains(taskId) || HasVoted(slot, signal.ActorId))
            {
                await CloseAsync([taskId], ApprovalTaskStatus.Late, null, null);
                return null;
            }

            _decided[slotIndex] = kind;
            _counted.Add(new CountedDecision(signal.SignalId, taskId, slotIndex, slot.Role, kind, signal.ActorId ?? "unknown", signal.OnBehalfOf, signal.Channel, signal.At, signal.ReasonCodes));
            if (ApprovalOutcomeRule.IsApproval(kind))
            {
                _approvalAttributes[slotIndex] = signal.Attributes;
                foreach (var (key, value) in signal.Attributes)
                {
                    _attributes[key] = value;
                }
            }

            var siblings = slot.Candidates.Select(c => c.TaskId).Where(id => id != taskId && _openTasks.Contains(id)).ToList();
            _openTasks.RemoveAll(id => slot.Candidates.Any(c => c.TaskId == id));
            if (siblings.Count > 0)
            {
                await CloseAsync(siblings, ApprovalTaskStatus.Cancelled, null, null);
            }

            var verdict = ApprovalOutcomeRule.Conclude(Spec, _decided);
            if (verdict == Verdict.Approved && ApprovalOutcomeRule.AttributesDisagree(Spec, _decided, _approvalAttributes, _policy.AttributeValues.Keys))
            {
                verdict = Verdict.Disagreement;
            }

            switch (verdict)
            {
                case Verdict.Approved:
                    return await FinishAsync(ApprovalResult.Approved, null);
                case Verdict.Rejected:
                    return await FinishAsync(ApprovalResult.Rejected, null);
                case Verdict.Vetoed:
                    return await FinishAsync(ApprovalResult.Vetoed, null);
                case Verdict.Disagreement:
                    if (_policy.TieBreaker is { } tie && !_tieBreakerAdded)
                    {
                        _tieBreakerAdded = true;
                        await AddApproversAsync(tie, "Disagreement", authority: true);
                        return null;
                    }

                    return await FinishAsync(ApprovalResult.Rejected, null, disagreement: true);
            }

            await OpenCurrentStageAsync(restartClock: true);
            return null;
        }

        /// <summary>In a step that counts votes, one person counts once, whichever of their tasks they decide.</summary>
        private bool HasVoted(ApprovalSlot slot, string? actorId) =>
            _policy.Mode is ApprovalMode.Quorum or ApprovalMode.Majority
            && !slot.Authority
            && _counted.Any(d => d.ActorId == actorId && !_slots[d.SlotIndex].Authority);

        private async Task<ApprovalOutcome?> FinishAsync(ApprovalResult result, string? settledBy, bool disagreement = false)
        {
            var open = _openTasks.ToList();
            if (_clarification is { } c)
            {
                open.Add(c.ApproverTaskId);
                open.Add(c.ClarificationTaskId);
            }

            await CloseAsync(open, result == ApprovalResult.Expired ? ApprovalTaskStatus.Expired : ApprovalTaskStatus.Cancelled, result, settledBy);
            _openTasks.Clear();
            context.SetCustomStatus(new WorkflowStatus { Step = request.Step, ApprovalInstanceId = context.InstanceId });
            return new ApprovalOutcome
            {
                Result = result,
                WithConditions = result == ApprovalResult.Approved && _counted.Any(d => d.Decision == DecisionKind.ApproveWithConditions),
                Decisions = _counted,
                Attributes = _attributes,
                SettledBy = settledBy,
                Disagreement = disagreement,
                At = context.CurrentUtcDateTime,
                InstanceId = context.InstanceId,
                TaskIds = _taskSlot.Keys.ToList(),
            };
        }

        private Task<int> CloseAsync(IReadOnlyList<string> taskIds, ApprovalTaskStatus status, ApprovalResult? result, string? settledBy) =>
            context.CallDomainActivityAsync<int>(
                CloseApprovalTasksActivity.Name,
                new CloseTasksInput { CaseId = request.CaseId, InstanceId = context.InstanceId, Step = request.Step, TaskIds = taskIds, Status = status, Result = result, SettledBy = settledBy });

        private Task<int> NotifyAsync(NotificationKind kind, IReadOnlyList<string> taskIds, string? role, ScopeLevel scope, string? code, string? auditAction) =>
            context.CallDomainActivityAsync<int>(
                NotifyApprovalActivity.Name,
                new NotifyInput
                {
                    Kind = kind,
                    Request = request with { Slots = null },
                    InstanceId = context.InstanceId,
                    TaskIds = taskIds,
                    Role = role,
                    Scope = scope,
                    Due = Due,
                    Code = code,
                    AuditAction = auditAction,
                });

        private string NewTaskId() => ApprovalStep.NewTaskId(context);

        private void SetStatus()
        {
            var roles = _openTasks.Select(id => _slots[_taskSlot[id]].Role).Distinct().ToList();
            if (_clarification is not null)
            {
                roles.Add(Roles.Requester);
            }

            context.SetCustomStatus(new WorkflowStatus
            {
                Step = request.Step,
                NextDeadline = _clarification?.Due ?? Due,
                WaitingOnTaskIds = _clarification is { } c ? [.. _openTasks, c.ClarificationTaskId] : _openTasks.ToList(),
                WaitingOnRoles = roles,
                ApprovalInstanceId = context.InstanceId,
            });
        }
    }
}
