using Workflows.Audit;
using Workflows.Cases;
using Workflows.People;
using Workflows.Engine;
using Workflows.Engine.Client;

namespace Workflows.Approvals;

/// <summary>
/// The one path by which decisions, delegations, reassignments, withdrawals and clarification answers
/// reach an approval step, whatever the channel. Checks entitlement (assignee or delegate, separation of
/// duties), validates, records the decision on the task row under its ETag, audits, and raises the
/// signal on the approval instance with the decision id as the event id.
/// </summary>
public sealed class ApprovalDecisionService(
    IApprovalTaskStore tasks,
    IPersonDirectory directory,
    IAuditLog audit,
    ICaseStore cases,
    OrchestrationClient client,
    TimeProvider time)
{
    public async Task<DecisionResult> DecideAsync(DecisionCommand command, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(command);
        var task = await tasks.GetAsync(command.TaskId, cancellationToken).ConfigureAwait(false);
        if (task is null || task.Kind != ApprovalTaskKind.Approval)
        {
            return DecisionResult.NotFound;
        }

        var actor = command.Actor;
        var isAssignee = task.AssigneeId == actor.UserId;
        var isDelegate = task.DelegateId == actor.UserId;
        var onBehalfOf = isDelegate && !isAssignee ? task.AssigneeId : null;
        if ((!isAssignee && !isDelegate)
            || task.ExcludedUserIds.Contains(actor.UserId)
            || (command.OnBehalfOf is { } claimed && claimed != onBehalfOf))
        {
            await AuditAsync(task, actor, AuditActions.DecisionRefusedNotEntitled, command.Decision.ToString(), null, command.Channel, cancellationToken).ConfigureAwait(false);
            return DecisionResult.NotEntitled;
        }

        if (!task.IsOpen)
        {
            await AuditAsync(task, actor, AuditActions.DecisionRefusedLate, command.Decision.ToString(), null, command.Channel, cancellationToken).ConfigureAwait(false);
            return DecisionResult.AlreadyDecided;
        }

        if (!await StillEntitledAsync(task, actor.UserId, isDelegate && !isAssignee, cancellationToken).ConfigureAwait(false))
        {
            await AuditAsync(task, actor, AuditActions.DecisionRefusedNotEntitled, command.Decision.ToString(), null, command.Channel, cancellationToken, extra: ("entitlement", "lost")).ConfigureAwait(false);
            return DecisionResult.NotEntitled;
        }

        if (task.DistinctDeciders && await HasVotedAsync(task, actor.UserId, cancellationToken).ConfigureAwait(false))
        {
            // Four eyes: in a step that counts votes a second task of the same person adds no second vote.
            await AuditAsync(task, actor, AuditActions.DecisionRefusedNotEntitled, command.Decision.ToString(), null, command.Channel, cancellationToken, extra: ("entitlement", "alreadyVoted")).ConfigureAwait(false);
            return DecisionResult.NotEntitled;
        }

        var errors = DecisionValidator.Validate(command, task);
        if (errors.Count > 0)
        {
            return DecisionResult.Invalid(errors);
        }

        var decisionId = "d-" + Guid.NewGuid().ToString("N");
        var now = time.GetUtcNow();
        var updated = task with
        {
            Status = command.Decision == DecisionKind.ReturnForClarification ? ApprovalTaskStatus.AwaitingClarification : ApprovalTaskStatus.Decided,
            Decision = command.Decision,
            DecisionId = decisionId,
            DecidedAt = now,
            DecidedBy = actor.UserId,
            OnBehalfOf = onBehalfOf,
            Channel = command.Channel,
            Comment = command.Comment,
            ReasonCodes = command.ReasonCodes,
            Conditions = command.Conditions,
            Attributes = command.Attributes,
        };
        if (!await tasks.TryReplaceAsync(updated, cancellationToken).ConfigureAwait(false))
        {
            await AuditAsync(task, actor, AuditActions.DecisionRefusedLate, command.Decision.ToString(), null, command.Channel, cancellationToken).ConfigureAwait(false);
            return DecisionResult.AlreadyDecided;
        }

        var signal = new ApprovalSignal
        {
            Kind = SignalKind.Decision,
            SignalId = decisionId,
            TaskId = task.TaskId,
            Decision = command.Decision,
            ActorId = actor.UserId,
            OnBehalfOf = onBehalfOf,
            Channel = command.Channel,
            ReasonCodes = command.ReasonCodes,
            Attributes = command.Attributes,
            At = now,
        };
        var reason = string.Join(' ', new[] { string.Join(',', command.ReasonCodes), command.Comment }.Where(s => !string.IsNullOrWhiteSpace(s)));
        if (!await TryRaiseAsync(task.InstanceId, signal, cancellationToken).ConfigureAwait(false))
        {
            await tasks.TryReplaceAsync((await tasks.GetAsync(task.TaskId, cancellationToken).ConfigureAwait(false))! with { Status = ApprovalTaskStatus.Late }, cancellationToken).ConfigureAwait(false);
            await AuditAsync(task, actor, AuditActions.DecisionRefusedLate, command.Decision + " " + reason, decisionId, command.Channel, cancellationToken, onBehalfOf).ConfigureAwait(false);
            return DecisionResult.AlreadyDecided;
        }

        await AuditAsync(task, actor, AuditActions.DecisionRecorded, $"{command.Decision} {reason}".Trim(), decisionId, command.Channel, cancellationToken, onBehalfOf).ConfigureAwait(false);
        return DecisionResult.Recorded(decisionId);
    }

    /// <summary>The assignee hands the task to someone else, who then decides on the assignee's behalf.</summary>
    public async Task<DecisionResult> DelegateAsync(string taskId, Actor actor, string delegateId, string? comment = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var task = await tasks.GetAsync(taskId, cancellationToken).ConfigureAwait(false);
        if (task is null)
        {
            return DecisionResult.NotFound;
        }

        if (task.AssigneeId != actor.UserId)
        {
            return DecisionResult.NotEntitled;
        }

        if (!task.IsOpen)
        {
            return DecisionResult.AlreadyDecided;
        }

        if (await directory.FindAsync(delegateId, cancellationToken).ConfigureAwait(false) is not { } delegatePerson)
        {
            return DecisionResult.Invalid("delegateId", ErrorCodes.UnknownValue, "No such person in the directory.");
        }

        if (!task.AllowsAssignee(delegatePerson))
        {
            return DecisionResult.Invalid("delegateId", ErrorCodes.NotAllowed, WomenStaffMessage);
        }

        if (task.ExcludedUserIds.Contains(delegateId) || delegateId == actor.UserId)
        {
            return DecisionResult.Invalid("delegateId", ErrorCodes.NotAllowed, "Separation of duties forbids this person to decide this task.");
        }

        // The delegate joins the case in the task's role first, so that they can open what they are asked to decide.
        await cases.AddParticipantsAsync(task.CaseId, [new CaseParticipant(delegateId, task.Role)], cancellationToken).ConfigureAwait(false);
        if (!await tasks.TryReplaceAsync(task with { DelegateId = delegateId }, cancellationToken).ConfigureAwait(false))
        {
            return DecisionResult.AlreadyDecided;
        }

        var signalId = "s-" + Guid.NewGuid().ToString("N");
        await TryRaiseAsync(task.InstanceId, new ApprovalSignal { Kind = SignalKind.Delegated, SignalId = signalId, TaskId = taskId, ActorId = actor.UserId, At = time.GetUtcNow() }, cancellationToken).ConfigureAwait(false);
        await AuditAsync(task, actor, AuditActions.Delegated, comment, signalId, null, cancellationToken, extra: ("delegateId", delegateId)).ConfigureAwait(false);
        return DecisionResult.Recorded(signalId);
    }

    /// <summary>A system administrator moves a task to another person; the reason is required and audited.</summary>
    public async Task<DecisionResult> ReassignAsync(string taskId, Actor administrator, string newAssigneeId, string reason, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(administrator);
        var task = await tasks.GetAsync(taskId, cancellationToken).ConfigureAwait(false);
        if (task is null)
        {
            return DecisionResult.NotFound;
        }

        if (!administrator.HasRole(Roles.SystemAdministrator))
        {
            return DecisionResult.NotEntitled;
        }

        if (string.IsNullOrWhiteSpace(reason))
        {
            return DecisionResult.Invalid("reason", ErrorCodes.Required, "Say why the task is reassigned.");
        }

        if (!task.IsOpen)
        {
            return DecisionResult.AlreadyDecided;
        }

        if (await directory.FindAsync(newAssigneeId, cancellationToken).ConfigureAwait(false) is not { } assignee)
        {
            return DecisionResult.Invalid("assigneeId", ErrorCodes.UnknownValue, "No such person in the directory.");
        }

        if (!task.AllowsAssignee(assignee))
        {
            return DecisionResult.Invalid("assigneeId", ErrorCodes.NotAllowed, WomenStaffMessage);
        }

        if (task.ExcludedUserIds.Contains(newAssigneeId))
        {
            return DecisionResult.Invalid("assigneeId", ErrorCodes.NotAllowed, "Separation of duties forbids this person to decide this task.");
        }

        if (!await tasks.TryReplaceAsync(task with { AssigneeId = newAssigneeId, DelegateId = null, AssigneeRole = null, AssignedByName = true }, cancellationToken).ConfigureAwait(false))
        {
            return DecisionResult.AlreadyDecided;
        }

        var signalId = "s-" + Guid.NewGuid().ToString("N");
        await TryRaiseAsync(task.InstanceId, new ApprovalSignal { Kind = SignalKind.Reassigned, SignalId = signalId, TaskId = taskId, ActorId = administrator.UserId, At = time.GetUtcNow() }, cancellationToken).ConfigureAwait(false);
        await AuditAsync(task, administrator, AuditActions.Reassigned, reason, signalId, null, cancellationToken, extra: ("to", newAssigneeId)).ConfigureAwait(false);
        return DecisionResult.Recorded(signalId);
    }

    /// <summary>The requester withdraws: every open step of the case ends as Withdrawn.</summary>
    public async Task<DecisionResult> WithdrawAsync(string caseId, Actor requester, string? reason = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(requester);
        var open = (await tasks.ListByCaseAsync(caseId, cancellationToken).ConfigureAwait(false))
            .Where(t => t.Status is ApprovalTaskStatus.Open or ApprovalTaskStatus.AwaitingClarification).ToList();
        if (open.Count == 0)
        {
            return DecisionResult.NotFound;
        }

        if (open.Any(t => t.RequesterId != requester.UserId))
        {
            return DecisionResult.NotEntitled;
        }

        var signalId = "w-" + Guid.NewGuid().ToString("N");
        foreach (var instanceId in open.Select(t => t.InstanceId).Distinct())
        {
            await TryRaiseAsync(instanceId, new ApprovalSignal { Kind = SignalKind.Withdraw, SignalId = signalId, ActorId = requester.UserId, At = time.GetUtcNow() }, cancellationToken).ConfigureAwait(false);
        }

        await AuditAsync(open[0], requester, AuditActions.Withdrawn, reason, signalId, null, cancellationToken).ConfigureAwait(false);
        return DecisionResult.Recorded(signalId);
    }

    /// <summary>The requester answers a return-for-clarification; the approver's task opens again with a new deadline.</summary>
    public async Task<DecisionResult> AnswerClarificationAsync(string clarificationTaskId, Actor requester, string answer, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(requester);
        var task = await tasks.GetAsync(clarificationTaskId, cancellationToken).ConfigureAwait(false);
        if (task is null || task.Kind != ApprovalTaskKind.Clarification)
        {
            return DecisionResult.NotFound;
        }

        if (task.AssigneeId != requester.UserId)
        {
            return DecisionResult.NotEntitled;
        }

        if (string.IsNullOrWhiteSpace(answer))
        {
            return DecisionResult.Invalid("answer", ErrorCodes.Required, "The answer is required.");
        }

        if (answer.Length > DecisionValidator.MaxCommentLength)
        {
            return DecisionResult.Invalid("answer", ErrorCodes.TooLong, $"The answer is longer than {DecisionValidator.MaxCommentLength} characters.");
        }

        var signalId = "c-" + Guid.NewGuid().ToString("N");
        if (!task.IsOpen || !await tasks.TryReplaceAsync(task with { Status = ApprovalTaskStatus.Decided, Comment = answer, DecidedAt = time.GetUtcNow(), DecidedBy = requester.UserId, DecisionId = signalId }, cancellationToken).ConfigureAwait(false))
        {
            return DecisionResult.AlreadyDecided;
        }

        if (!await TryRaiseAsync(task.InstanceId, new ApprovalSignal { Kind = SignalKind.ClarificationAnswered, SignalId = signalId, TaskId = task.TaskId, ActorId = requester.UserId, At = time.GetUtcNow() }, cancellationToken).ConfigureAwait(false))
        {
            return DecisionResult.AlreadyDecided;
        }

        await AuditAsync(task, requester, AuditActions.ClarificationAnswered, null, signalId, null, cancellationToken).ConfigureAwait(false);
        return DecisionResult.Recorded(signalId);
    }

    /// <summary>Safeguard 7: a women-only task goes only to a woman, however it changes hands.</summary>
    private const string WomenStaffMessage = "This task follows the women-staff assignment rule (safeguard 7): choose a woman.";

    /// <summary>
    /// Entitlement at the time of the decision, not only when the task was assigned: the assignee must still
    /// hold the task's role over its facility (or be in the directory, when chosen by name), and a delegate
    /// must still be in the directory.
    /// </summary>
    private async Task<bool> StillEntitledAsync(ApprovalTask task, string actorId, bool asDelegate, CancellationToken cancellationToken)
    {
        if (asDelegate && await directory.FindAsync(actorId, cancellationToken).ConfigureAwait(false) is null)
        {
            return false;
        }

        return task.AssigneeId is { } assigneeId
            && await directory.FindAsync(assigneeId, cancellationToken).ConfigureAwait(false) is { } assignee
            && TaskEntitlement.Holds(assignee, task);
    }

    private async Task<bool> HasVotedAsync(ApprovalTask task, string userId, CancellationToken cancellationToken) =>
        (await tasks.ListByInstanceAsync(task.InstanceId, cancellationToken).ConfigureAwait(false))
            .Any(t => t.TaskId != task.TaskId && t.Kind == ApprovalTaskKind.Approval && t.Status == ApprovalTaskStatus.Decided && t.DecidedBy == userId);

    private async Task<bool> TryRaiseAsync(string instanceId, ApprovalSignal signal, CancellationToken cancellationToken)
    {
        try
        {
            await client.RaiseEventAsync(instanceId, ApprovalSignal.EventName, signal, signal.SignalId, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (OrchestrationException ex) when (ex.ErrorCode is OrchestrationErrorCode.InstanceCompleted or OrchestrationErrorCode.InstanceNotFound)
        {
            return false;
        }
    }

    private Task<AuditEntry> AuditAsync(
        ApprovalTask task,
        Actor actor,
        string action,
        string? reason,
        string? decisionId,
        DecisionChannel? channel,
        CancellationToken cancellationToken,
        string? onBehalfOf = null,
        (string Key, string Value)? extra = null)
    {
        var ids = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["taskId"] = task.TaskId,
            ["instanceId"] = task.InstanceId,
            ["step"] = task.Step,
        };
        if (decisionId is not null)
        {
            ids["decisionId"] = decisionId;
        }

        if (channel is { } c)
        {
            ids["channel"] = c.ToString();
        }

        if (extra is { } e)
        {
            ids[e.Key] = e.Value;
        }

        return audit.AppendAsync(
            new AuditRecord
            {
                CaseId = task.CaseId,
                ActorId = actor.UserId,
                Role = task.AssigneeId == actor.UserId || task.DelegateId == actor.UserId ? task.Role : actor.PrimaryRole,
                OnBehalfOf = onBehalfOf,
                Action = action,
                Reason = reason,
                Ids = ids,
            },
            cancellationToken);
    }
}
