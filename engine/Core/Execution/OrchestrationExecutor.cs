using Microsoft.Extensions.Logging;
using Workflows.Engine.Backend;
using Workflows.Engine.History;
using Workflows.Engine.Serialization;

namespace Workflows.Engine.Execution;

/// <summary>
/// Runs one episode: replays the orchestrator code against its history on a single-threaded
/// scheduler, applies the new messages one at a time, and collects what the code did next.
/// Stateless between episodes: every episode rebuilds the code's state from history.
/// </summary>
internal sealed class OrchestrationExecutor(DataConverter converter, EngineOptions options, ILoggerFactory? loggerFactory)
{
    private const int MaxRememberedEventIds = 500;

    public EpisodeResult Execute(
        IOrchestration orchestration,
        ExecutionStartedEvent started,
        IReadOnlyList<HistoryEvent> history,
        IReadOnlyList<OrchestrationMessage> messages,
        DateTimeOffset now)
    {
        var previous = SynchronizationContext.Current;
        var scheduler = new OrchestrationSynchronizationContext();
        SynchronizationContext.SetSynchronizationContext(scheduler);
        var episode = new Episode(orchestration, started, converter, options, loggerFactory, scheduler);
        try
        {
            return episode.Run(history, messages, now);
        }
        finally
        {
            scheduler.Close();
            SynchronizationContext.SetSynchronizationContext(previous);
        }
    }

    private enum Disposition
    {
        Apply,
        Drop,
        Defer,
    }

    /// <summary>The state of one replay, discarded when the episode ends.</summary>
    private sealed class Episode(
        IOrchestration orchestration,
        ExecutionStartedEvent started,
        DataConverter converter,
        EngineOptions options,
        ILoggerFactory? loggerFactory,
        OrchestrationSynchronizationContext scheduler)
    {
        private readonly ReplayOrchestrationContext _context = new(started, converter, options, loggerFactory);
        private readonly EpisodeResult _result = new() { Started = started };
        private readonly HashSet<string> _deliveredEventIds = new(started.DeliveredEventIds ?? [], StringComparer.Ordinal);
        private readonly List<HistoryEvent> _suspendedBacklog = [];
        private Task<object?>? _code;
        private bool _suspended;
        private bool _terminated;

        private bool Finished => _terminated || _code is { IsCompleted: true };

        public EpisodeResult Run(IReadOnlyList<HistoryEvent> history, IReadOnlyList<OrchestrationMessage> messages, DateTimeOffset now)
        {
            try
            {
                _context.Replaying = true;
                for (var i = 0; i < history.Count; i++)
                {
                    ApplyPast(history[i], i);
                }

                _context.Replaying = false;
                _context.CurrentTime = now;
                _result.NewEvents.Add(new OrchestratorStartedEvent { Timestamp = now });

                // The start message always goes first; everything else in arrival order.
                var ordered = messages.Where(m => m.Event is ExecutionStartedEvent)
                    .Concat(messages.Where(m => m.Event is not ExecutionStartedEvent));
                foreach (var message in ordered)
                {
                    ApplyNew(message);
                }

                Finish();
            }
            catch (NonDeterministicOrchestrationException ex)
            {
                FailEpisode(FailureDetails.FromException(ex) with { StackTrace = null }, now);
            }

            return _result;
        }

        private void ApplyPast(HistoryEvent e, int index)
        {
            switch (e)
            {
                case OrchestratorStartedEvent:
                    _context.CurrentTime = e.Timestamp;
                    break;
                case ExecutionStartedEvent:
                    StartCode();
                    break;
                case TaskScheduledEvent or TimerCreatedEvent or SubOrchestrationCreatedEvent or EventSentEvent:
                    MatchScheduledStep(e, index);
                    break;
                case EventRaisedEvent raised:
                    _deliveredEventIds.Add(raised.MessageId);
                    DeliverOrBacklog(e);
                    break;
                case ExecutionSuspendedEvent:
                    _suspended = true;
                    break;
                case ExecutionResumedEvent:
                    Resume();
                    break;
                case ExecutionTerminatedEvent or ExecutionCompletedEvent or ExecutionRewoundEvent:
                    break;
                default:
                    RequireStepForPastResult(e, index);
                    DeliverOrBacklog(e);
                    break;
            }
        }

        private void ApplyNew(OrchestrationMessage message)
        {
            var e = message.Event;
            if (Finished)
            {
                // After ContinueAsNew, the next execution inherits what it may still need.
                if (_context.ContinueAsNewRequest is { } request && !_terminated && _code is { IsCompletedSuccessfully: true }
                    && (e is ExecutionTerminatedEvent or ExecutionSuspendedEvent or ExecutionResumedEvent
                        || (e is EventRaisedEvent && request.PreserveEvents)))
                {
                    _result.CarriedOverMessages.Add(message with { ExecutionId = null });
                }

                return;
            }

            switch (Classify(message))
            {
                case Disposition.Defer:
                    _result.DeferredMessages.Add(message);
                    return;
                case Disposition.Drop:
                    return;
            }

            _result.AppliedMessages++;
            _result.NewEvents.Add(e);
            switch (e)
            {
                case ExecutionStartedEvent:
                    StartCode();
                    break;
                case ExecutionSuspendedEvent:
                    _suspended = true;
                    break;
                case ExecutionResumedEvent:
                    Resume();
                    break;
                case ExecutionTerminatedEvent terminated:
                    Terminate(terminated);
                    break;
                default:
                    DeliverOrBacklog(e);
                    break;
            }
        }

        private Disposition Classify(OrchestrationMessage message)
        {
            switch (message.Event)
            {
                case ExecutionStartedEvent:
                    return _code is null ? Disposition.Apply : Disposition.Drop;
                case EventRaisedEvent raised:
                    return _deliveredEventIds.Add(raised.MessageId) ? Disposition.Apply : Disposition.Drop;
                case ExecutionSuspendedEvent:
                    return _suspended ? Disposition.Drop : Disposition.Apply;
                case ExecutionResumedEvent:
                    return _suspended ? Disposition.Apply : Disposition.Drop;
                case ExecutionTerminatedEvent:
                    return Disposition.Apply;
                case TaskCompletedEvent or TaskFailedEvent or TimerFiredEvent or SubOrchestrationCompletedEvent or SubOrchestrationFailedEvent:
                    return ClassifyResult(message.Event);
                default:
                    return Disposition.Drop;
            }
        }

        private Disposition ClassifyResult(HistoryEvent e)
        {
            var (stepId, expected) = ResultTarget(e);
            if (!_context.Steps.TryGetValue(stepId, out var step) || !step.InHistory)
            {
                // The step is not in history yet (a result that overtook its checkpoint): try later.
                return Disposition.Defer;
            }

            if (step.GetType() != expected || step.ResultRecorded || step is TimerStep { Cancelled: true })
            {
                return Disposition.Drop;
            }

            step.ResultRecorded = true;
            return Disposition.Apply;
        }

        private void RequireStepForPastResult(HistoryEvent e, int index)
        {
            var (stepId, expected) = ResultTarget(e);
            if (!_context.Steps.TryGetValue(stepId, out var step) || step.GetType() != expected)
            {
                throw new NonDeterministicOrchestrationException(
                    $"Non-deterministic orchestration '{started.Name}' (instance '{started.InstanceId}'): history event #{index} is " +
                    $"{e.Kind} for step #{stepId}, but the code {(step is null ? "has no step" : $"took {step.Describe()}")} at step #{stepId}.");
            }

            step.ResultRecorded = true;
        }

        private static (int StepId, Type Expected) ResultTarget(HistoryEvent e) => e switch
        {
            TaskCompletedEvent c => (c.TaskScheduledId, typeof(ActivityStep)),
            TaskFailedEvent f => (f.TaskScheduledId, typeof(ActivityStep)),
            TimerFiredEvent t => (t.TimerId, typeof(TimerStep)),
            SubOrchestrationCompletedEvent s => (s.TaskScheduledId, typeof(SubOrchestrationStep)),
            SubOrchestrationFailedEvent s => (s.TaskScheduledId, typeof(SubOrchestrationStep)),
            _ => throw new InvalidOperationException($"{e.Kind} is not a result event."),
        };

        private void MatchScheduledStep(HistoryEvent e, int index)
        {
            if (!_context.Steps.TryGetValue(e.EventId, out var step))
            {
                throw new NonDeterministicOrchestrationException(
                    $"Non-deterministic orchestration '{started.Name}' (instance '{started.InstanceId}'): history event #{index} expects step #{e.EventId} " +
                    $"to be {Describe(e)}, but the code did not take a step #{e.EventId}. " +
                    "The code changed while this instance was running; register the previous code under the instance's version.");
            }

            if (!step.Matches(e) || step.InHistory)
            {
                throw new NonDeterministicOrchestrationException(
                    $"Non-deterministic orchestration '{started.Name}' (instance '{started.InstanceId}'): history event #{index} expects step #{e.EventId} " +
                    $"to be {Describe(e)}, but the code took {step.Describe()} at step #{e.EventId}. " +
                    "The code changed while this instance was running; register the previous code under the instance's version.");
            }

            step.InHistory = true;
        }

        private static string Describe(HistoryEvent e) => e switch
        {
            TaskScheduledEvent t => $"CallActivity '{t.Name}'",
            SubOrchestrationCreatedEvent s => $"CallSubOrchestration '{s.Name}'",
            EventSentEvent s => $"SendEvent '{s.Name}'",
            TimerCreatedEvent => "CreateTimer",
            _ => e.Kind,
        };

        private void StartCode()
        {
            if (_code is not null)
            {
                return;
            }

            try
            {
                var input = converter.Deserialize(started.Input, orchestration.InputType);
                _code = orchestration.RunAsync(_context, input);
            }
#pragma warning disable CA1031 // Any failure of the orchestrator code, including input binding, fails the instance.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                _code = Task.FromException<object?>(ex);
            }

            scheduler.Drain();
        }

        private void DeliverOrBacklog(HistoryEvent e)
        {
            if (_suspended)
            {
                _suspendedBacklog.Add(e);
                return;
            }

            Deliver(e);
        }

        private void Resume()
        {
            _suspended = false;
            var backlog = _suspendedBacklog.ToArray();
            _suspendedBacklog.Clear();
            foreach (var e in backlog)
            {
                Deliver(e);
            }
        }

        private void Deliver(HistoryEvent e)
        {
            switch (e)
            {
                case TaskCompletedEvent c:
                    ((ActivityStep)_context.Steps[c.TaskScheduledId]).Completion.TrySetResult(c.Result);
                    break;
                case TaskFailedEvent f:
                    var activity = (ActivityStep)_context.Steps[f.TaskScheduledId];
                    activity.Completion.TrySetException(new TaskFailedException(activity.Name, activity.Id, f.FailureDetails));
                    break;
                case TimerFiredEvent t:
                    var timer = (TimerStep)_context.Steps[t.TimerId];
                    if (!timer.Cancelled)
                    {
                        timer.Completion.TrySetResult();
                    }

                    break;
                case SubOrchestrationCompletedEvent s:
                    ((SubOrchestrationStep)_context.Steps[s.TaskScheduledId]).Completion.TrySetResult(s.Result);
                    break;
                case SubOrchestrationFailedEvent s:
                    var sub = (SubOrchestrationStep)_context.Steps[s.TaskScheduledId];
                    sub.Completion.TrySetException(new SubOrchestrationFailedException(sub.Name, sub.Id, sub.InstanceId, s.FailureDetails));
                    break;
                case EventRaisedEvent r:
                    _result.DeliveredEventIds.Add(r.MessageId);
                    _context.DeliverEvent(r.Name, r.Input, r.MessageId);
                    break;
            }

            scheduler.Drain();
        }

        private void Terminate(ExecutionTerminatedEvent terminated)
        {
            _terminated = true;
            _result.TerminateReason = terminated.Reason;
            if (terminated.Recursive)
            {
                _result.ChildrenToTerminate.AddRange(
                    _context.Steps.Values.OfType<SubOrchestrationStep>().Where(s => s.InHistory && s.IsOpen).Select(s => s.InstanceId));
            }
        }

        private void Finish()
        {
            var now = _context.CurrentTime;
            _result.CustomStatus = _context.CustomStatus;
            if (_terminated)
            {
                Complete(OrchestrationRuntimeStatus.Terminated, converter.Serialize(_result.TerminateReason ?? "Terminated."), null, now);
                return;
            }

            if (_code is null)
            {
                return;
            }

            if (!_code.IsCompleted)
            {
                if (scheduler.ForeignContinuationObserved || (!_context.HasOpenDurableWaits && !_suspended))
                {
                    FailEpisode(NonDurableAwaitFailure(), now);
                    return;
                }

                AppendNewSteps(now);
                _result.Status = _suspended ? OrchestrationRuntimeStatus.Suspended : OrchestrationRuntimeStatus.Running;
                _result.NextTimerDueAt = _context.NextTimerDue();
                _result.CancelledTimerIds.AddRange(_context.CancelledTimers);
                DropEmptyEpisode();
                return;
            }

            AppendNewSteps(now);
            if (_code.IsCompletedSuccessfully && _context.ContinueAsNewRequest is { } request)
            {
                _result.ContinueAsNewInput = request.Input;
                if (request.PreserveEvents)
                {
                    // Events buffered before this episode's remaining messages arrived come first.
                    _result.CarriedOverMessages.InsertRange(0, _context.UnconsumedEvents.Select(buffered => new OrchestrationMessage
                    {
                        InstanceId = started.InstanceId,
                        MessageId = buffered.MessageId,
                        EnqueuedAt = now,
                        Event = new EventRaisedEvent { Name = buffered.Name, Input = buffered.Input, MessageId = buffered.MessageId, Timestamp = now },
                    }));
                }

                Complete(OrchestrationRuntimeStatus.ContinuedAsNew, request.Input, null, now);
            }
            else if (_code.IsCompletedSuccessfully)
            {
                Complete(OrchestrationRuntimeStatus.Completed, converter.Serialize(_code.Result), null, now);
            }
            else
            {
                var exception = _code.Exception?.InnerException ?? _code.Exception ?? (Exception)new TaskCanceledException();
                Complete(OrchestrationRuntimeStatus.Failed, null, FailureDetails.FromException(exception), now);
            }
        }

        private void AppendNewSteps(DateTimeOffset now)
        {
            foreach (var step in _context.Steps.Values.Where(s => !s.InHistory).OrderBy(s => s.Id))
            {
                step.InHistory = true;
                _result.NewSteps.Add(step);
                _result.NewEvents.Add(step.ToScheduledEvent(now));
            }
        }

        private void DropEmptyEpisode()
        {
            if (_result.AppliedMessages == 0 && _result.NewSteps.Count == 0)
            {
                _result.NewEvents.Clear();
            }
        }

        private void Complete(OrchestrationRuntimeStatus status, string? output, FailureDetails? failure, DateTimeOffset now)
        {
            _result.Status = status;
            _result.Output = output;
            _result.Failure = failure;
            _result.NewEvents.Add(new ExecutionCompletedEvent { Timestamp = now, Status = status, Result = output, FailureDetails = failure });
            if (status == OrchestrationRuntimeStatus.ContinuedAsNew)
            {
                _result.DeliveredEventIds.InsertRange(0, started.DeliveredEventIds ?? []);
                if (_result.DeliveredEventIds.Count > MaxRememberedEventIds)
                {
                    _result.DeliveredEventIds.RemoveRange(0, _result.DeliveredEventIds.Count - MaxRememberedEventIds);
                }
            }
        }

        private void FailEpisode(FailureDetails failure, DateTimeOffset now)
        {
            // Nothing the code did in this episode is kept: only the failure is recorded.
            _result.NewSteps.Clear();
            _result.NewEvents.Clear();
            _result.CarriedOverMessages.Clear();
            _result.NewEvents.Add(new OrchestratorStartedEvent { Timestamp = now });
            Complete(OrchestrationRuntimeStatus.Failed, null, failure, now);
        }

        private FailureDetails NonDurableAwaitFailure() => new(
            typeof(InvalidOperationException).FullName!,
            $"Orchestration '{started.Name}' (instance '{started.InstanceId}') awaited a task that is not a durable task " +
            "(for example Task.Delay, Task.Run, or I/O). Orchestrator code may only await tasks returned by the OrchestrationContext: " +
            "use context.CreateTimer instead of Task.Delay, and call an activity for any I/O.",
            IsNonRetriable: true);
    }
}
