using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Workflows.Engine.Backend;
using Workflows.Engine.Diagnostics;
using Workflows.Engine.Execution;
using Workflows.Engine.History;
using Workflows.Engine.Serialization;

namespace Workflows.Engine.Hosting;

/// <summary>
/// Processes work items: runs an orchestration episode and commits its checkpoint, or runs an
/// activity and reports its result. The background dispatcher and the test host both drive it.
/// </summary>
public sealed class OrchestrationWorker
{
    private readonly IOrchestrationBackend _backend;
    private readonly OrchestrationRegistry _registry;
    private readonly DataConverter _converter;
    private readonly EngineOptions _options;
    private readonly IServiceProvider _services;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly OrchestrationExecutor _executor;

    /// <summary>Creates a worker.</summary>
    public OrchestrationWorker(
        IOrchestrationBackend backend,
        OrchestrationRegistry registry,
        DataConverter converter,
        IOptions<EngineOptions> options,
        IServiceProvider services,
        TimeProvider time,
        ILoggerFactory? loggerFactory = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        _backend = backend;
        _registry = registry;
        _converter = converter;
        _options = options.Value;
        _services = services;
        _time = time;
        loggerFactory ??= NullLoggerFactory.Instance;
        _logger = loggerFactory.CreateLogger("Workflows.Engine.Worker");
        _executor = new OrchestrationExecutor(converter, _options, loggerFactory);
    }

    /// <summary>Runs one episode for the work item and commits it (or abandons it when it cannot run).</summary>
    public async Task ProcessOrchestrationWorkItemAsync(OrchestrationWorkItem workItem, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(workItem);
        var startedAt = Stopwatch.GetTimestamp();
        var now = _time.GetUtcNow();
        foreach (var message in workItem.Messages)
        {
            if (message.EnqueuedAt != default)
            {
                EngineTelemetry.MessageLatency.Record(Math.Max(0, (now - (message.VisibleAt ?? message.EnqueuedAt)).TotalMilliseconds));
            }
        }

        using var span = EngineTelemetry.ActivitySource.StartActivity("orchestration episode", ActivityKind.Internal);
        span?.SetTag("workflows.instance_id", workItem.InstanceId);

        EpisodePlan plan;
        try
        {
            plan = Plan(workItem, now);
        }
#pragma warning disable CA1031 // A failure to plan must not crash the dispatcher; the work item is retried.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            EngineLog.EpisodeError(_logger, workItem.InstanceId, ex);
            await _backend.AbandonOrchestrationWorkItemAsync(workItem, now + _options.DeferredMessageRetryInterval, $"Internal error: {ex.GetType().Name}", cancellationToken).ConfigureAwait(false);
            return;
        }

        switch (plan)
        {
            case EpisodePlan.Abandon abandon:
                if (abandon.StuckReason is not null)
                {
                    EngineLog.InstanceStuck(_logger, workItem.InstanceId, abandon.StuckReason);
                }
                else
                {
                    EngineLog.MessagesDeferred(_logger, workItem.Messages.Count, workItem.InstanceId, abandon.RetryAt);
                }

                await _backend.AbandonOrchestrationWorkItemAsync(workItem, abandon.RetryAt, abandon.StuckReason, cancellationToken).ConfigureAwait(false);
                return;
            case EpisodePlan.Commit commit:
                await CommitAsync(workItem, commit.Checkpoint, cancellationToken).ConfigureAwait(false);
                var status = commit.Checkpoint.State?.RuntimeStatus.ToString() ?? "None";
                EngineTelemetry.Episodes.Add(1, new KeyValuePair<string, object?>("status", status));
                EngineTelemetry.EpisodeDuration.Record(Stopwatch.GetElapsedTime(startedAt).TotalMilliseconds);
                span?.SetTag("workflows.orchestration", commit.Checkpoint.State?.Name);
                span?.SetTag("workflows.status", status);
                return;
        }
    }

    /// <summary>Runs one activity and reports its result to the orchestration.</summary>
    public async Task ProcessActivityWorkItemAsync(ActivityWorkItem workItem, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(workItem);
        var startedAt = Stopwatch.GetTimestamp();
        if (workItem.EnqueuedAt != default)
        {
            EngineTelemetry.MessageLatency.Record(Math.Max(0, (_time.GetUtcNow() - workItem.EnqueuedAt).TotalMilliseconds));
        }

        using var span = EngineTelemetry.ActivitySource.StartActivity("activity " + workItem.Name, ActivityKind.Internal);
        span?.SetTag("workflows.instance_id", workItem.InstanceId);
        span?.SetTag("workflows.activity", workItem.Name);

        HistoryEvent outcome;
        if (workItem.DequeueCount > _options.MaxDequeueCount)
        {
            EngineLog.PoisonMessage(_logger, workItem.IdempotencyKey, workItem.InstanceId, workItem.DequeueCount);
            EngineTelemetry.PoisonMessages.Add(1);
            outcome = Failed(new FailureDetails(
                "PoisonMessage",
                $"Activity '{workItem.Name}' was delivered {workItem.DequeueCount} times without completing (the limit is {_options.MaxDequeueCount}); it was set aside.",
                IsNonRetriable: true));
        }
        else if (_registry.FindActivity(workItem.Name) is not { } factory)
        {
            outcome = Failed(new FailureDetails(
                "ActivityNotRegistered",
                $"No activity named '{workItem.Name}' is registered on this host.",
                IsNonRetriable: true));
        }
        else
        {
            try
            {
                await using var scope = _services.CreateAsyncScope();
                var activity = factory(scope.ServiceProvider);
                var input = _converter.Deserialize(workItem.Input, activity.InputType);
                var context = new TaskActivityContext(workItem.Name, workItem.InstanceId, workItem.TaskId, workItem.IdempotencyKey, workItem.DequeueCount, cancellationToken);
                var output = await activity.RunAsync(context, input).ConfigureAwait(false);
                outcome = new TaskCompletedEvent { TaskScheduledId = workItem.TaskId, Result = _converter.Serialize(output), Timestamp = _time.GetUtcNow() };
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                // Shutting down: another worker will run it.
                await _backend.AbandonActivityWorkItemAsync(workItem, null, CancellationToken.None).ConfigureAwait(false);
                return;
            }
#pragma warning disable CA1031 // Every activity failure is reported to the orchestration, whatever its type.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                outcome = Failed(FailureDetails.FromException(ex));
            }
        }

        var result = new OrchestrationMessage
        {
            InstanceId = workItem.InstanceId,
            ExecutionId = workItem.ExecutionId,
            Event = outcome,
            MessageId = $"{workItem.InstanceId}:{workItem.ExecutionId}:{workItem.TaskId}:result",
            EnqueuedAt = _time.GetUtcNow(),
        };
        var outcomeName = outcome is TaskCompletedEvent ? "completed" : "failed";
        try
        {
            await _backend.CompleteActivityWorkItemAsync(workItem, result, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            EngineLog.ActivityResultNotRecorded(_logger, workItem.Name, workItem.TaskId, workItem.InstanceId, ex);
            await _backend.AbandonActivityWorkItemAsync(workItem, _time.GetUtcNow() + _options.ActivityAbandonRetryInterval, CancellationToken.None).ConfigureAwait(false);
            return;
        }

        EngineLog.ActivityFinished(_logger, workItem.Name, workItem.TaskId, workItem.InstanceId, outcomeName);
        EngineTelemetry.Activities.Add(1, new KeyValuePair<string, object?>("activity", workItem.Name), new KeyValuePair<string, object?>("outcome", outcomeName));
        EngineTelemetry.ActivityDuration.Record(Stopwatch.GetElapsedTime(startedAt).TotalMilliseconds);

        HistoryEvent Failed(FailureDetails failure) =>
            new TaskFailedEvent { TaskScheduledId = workItem.TaskId, FailureDetails = failure, Timestamp = _time.GetUtcNow() };
    }

    private async Task CommitAsync(OrchestrationWorkItem workItem, OrchestrationCheckpoint checkpoint, CancellationToken cancellationToken)
    {
        try
        {
            await _backend.CompleteOrchestrationWorkItemAsync(workItem, checkpoint, cancellationToken).ConfigureAwait(false);
        }
        catch (WorkItemLostException)
        {
            EngineLog.WorkItemLost(_logger, workItem.InstanceId);
            EngineTelemetry.LostWorkItems.Add(1);
        }
    }

    private EpisodePlan Plan(OrchestrationWorkItem workItem, DateTimeOffset now)
    {
        var history = workItem.History;
        var state = workItem.State;

        var currentExecution = state?.ExecutionId;
        var stale = new List<OrchestrationMessage>();
        var messages = new List<OrchestrationMessage>();
        foreach (var message in workItem.Messages)
        {
            var belongsElsewhere = currentExecution is not null && message.ExecutionId is not null && message.ExecutionId != currentExecution;
            (belongsElsewhere ? stale : messages).Add(message);
        }

        var outbound = new List<OrchestrationMessage>();
        foreach (var message in stale)
        {
            // A sub-orchestration start that found another live instance under its id: tell the parent.
            if (message.Event is ExecutionStartedEvent { Parent: { } parent } refused)
            {
                outbound.Add(ResultToParent(parent, refused.InstanceId, now, OrchestrationRuntimeStatus.Failed, null, new FailureDetails(
                    "InstanceAlreadyExists",
                    $"An instance with id '{refused.InstanceId}' is already running; the sub-orchestration was not started.",
                    IsNonRetriable: true)));
            }
        }

        if (state is { RuntimeStatus: OrchestrationRuntimeStatus.Failed } && messages.Any(m => m.Event is ExecutionRewoundEvent))
        {
            return PlanRewind(state, history, messages.First(m => m.Event is ExecutionRewoundEvent), outbound, now);
        }

        // A finished instance takes nothing more: consume the messages and leave everything as is.
        if (state is null || state.RuntimeStatus.IsTerminal() || (history.Count > 0 && history[^1] is ExecutionCompletedEvent))
        {
            return new EpisodePlan.Commit(new OrchestrationCheckpoint { NewEvents = [], State = state, OutboundMessages = outbound });
        }

        var started = history.OfType<ExecutionStartedEvent>().FirstOrDefault()
            ?? messages.Select(m => m.Event).OfType<ExecutionStartedEvent>().FirstOrDefault();

        if (started is null)
        {
            return PlanWithoutStart(state, messages, outbound, now);
        }

        var poison = messages.FirstOrDefault(m => m.DequeueCount > _options.MaxDequeueCount);
        if (poison is not null)
        {
            return PlanPoison(workItem, state, started, history, poison, outbound, now);
        }

        if (string.IsNullOrEmpty(started.Version) && _registry.GetLatestVersion(started.Name) is { Length: > 0 } latest)
        {
            // Fix the version at the first episode: the instance keeps it for life.
            var unversioned = started;
            started = started with { Version = latest };
            messages = [.. messages.Select(m => ReferenceEquals(m.Event, unversioned) ? m with { Event = started } : m)];
        }

        var factory = _registry.FindOrchestration(started.Name, started.Version);
        if (factory is null)
        {
            var reason = _registry.GetLatestVersion(started.Name) is null
                ? $"No orchestration named '{started.Name}' is registered on this host."
                : $"Version '{started.Version}' of orchestration '{started.Name}' is not registered on this host; register it to let this instance continue.";
            return new EpisodePlan.Abandon(now + _options.UnregisteredRetryInterval, reason);
        }

        IOrchestration orchestration;
        try
        {
            orchestration = factory(_services);
        }
#pragma warning disable CA1031 // A constructor failure is a deployment problem: keep the instance intact and say why.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            return new EpisodePlan.Abandon(now + _options.UnregisteredRetryInterval, $"Orchestration '{started.Name}' could not be created: {ex.GetType().Name}: {ex.Message}");
        }

        var result = _executor.Execute(orchestration, started, history, messages, now);
        if (result.Failure?.ErrorType == typeof(NonDeterministicOrchestrationException).FullName)
        {
            EngineLog.NonDeterminism(_logger, workItem.InstanceId);
        }

        EngineTelemetry.ReplayedEvents.Record(history.Count);
        EngineLog.EpisodeCompleted(_logger, started.Name, workItem.InstanceId, result.AppliedMessages, result.Status);
        return new EpisodePlan.Commit(BuildCheckpoint(state, history, result, outbound, now));
    }

    private EpisodePlan PlanRewind(
        OrchestrationState state,
        IReadOnlyList<HistoryEvent> history,
        OrchestrationMessage rewind,
        List<OrchestrationMessage> outbound,
        DateTimeOffset now)
    {
        var started = history.OfType<ExecutionStartedEvent>().FirstOrDefault();
        var factory = started is null ? null : _registry.FindOrchestration(started.Name, started.Version);
        if (started is null || factory is null)
        {
            return new EpisodePlan.Abandon(now + _options.UnregisteredRetryInterval, $"Cannot rewind: orchestration '{state.Name}' version '{state.Version}' is not registered on this host.");
        }

        // Keep everything up to the last episode; drop its failed results and the final failure.
        var lastEpisode = history.Select((e, i) => (e, i)).LastOrDefault(x => x.e is OrchestratorStartedEvent).i;
        var scheduled = history.OfType<TaskScheduledEvent>().ToDictionary(e => e.EventId);
        var children = history.OfType<SubOrchestrationCreatedEvent>().ToDictionary(e => e.EventId);
        var rewritten = new List<HistoryEvent>();
        var activities = new List<ActivityRequest>();
        for (var i = 0; i < history.Count; i++)
        {
            switch (history[i])
            {
                case ExecutionCompletedEvent:
                    continue;
                case TaskFailedEvent failed when i > lastEpisode && scheduled.TryGetValue(failed.TaskScheduledId, out var task):
                    activities.Add(new ActivityRequest(started.InstanceId, started.ExecutionId, task.EventId, task.Name, task.Version, task.Input, task.IdempotencyKey));
                    continue;
                case SubOrchestrationFailedEvent failed when i > lastEpisode && children.TryGetValue(failed.TaskScheduledId, out var child):
                    outbound.Add(new OrchestrationMessage { InstanceId = child.InstanceId, EnqueuedAt = now, Event = new ExecutionRewoundEvent { Timestamp = now, Reason = rewind.Event is ExecutionRewoundEvent r ? r.Reason : null } });
                    continue;
                default:
                    rewritten.Add(history[i]);
                    break;
            }
        }

        rewritten.Add(new OrchestratorStartedEvent { Timestamp = now });
        rewritten.Add(rewind.Event with { Timestamp = now });
        var result = _executor.Execute(factory(_services), started, rewritten, [], now);
        var checkpoint = BuildCheckpoint(state with { FailureDetails = null }, rewritten, result, outbound, now);
        return new EpisodePlan.Commit(new OrchestrationCheckpoint
        {
            ReplacesHistory = true,
            NewEvents = [.. rewritten, .. result.NewEvents],
            State = checkpoint.State! with { HistoryLength = rewritten.Count + result.NewEvents.Count },
            Activities = [.. activities, .. checkpoint.Activities],
            Timers = checkpoint.Timers,
            OutboundMessages = checkpoint.OutboundMessages,
        });
    }

    private EpisodePlan PlanWithoutStart(
        OrchestrationState state,
        List<OrchestrationMessage> messages,
        List<OrchestrationMessage> outbound,
        DateTimeOffset now)
    {
        if (messages.FirstOrDefault(m => m.Event is ExecutionTerminatedEvent)?.Event is ExecutionTerminatedEvent terminate)
        {
            // Terminating an instance that never started (for example, a scheduled start).
            return new EpisodePlan.Commit(new OrchestrationCheckpoint
            {
                NewEvents = [],
                State = state with
                {
                    RuntimeStatus = OrchestrationRuntimeStatus.Terminated,
                    Output = _converter.Serialize(terminate.Reason ?? "Terminated."),
                    LastUpdatedAt = now,
                    CompletedAt = now,
                    StuckReason = null,
                },
                OutboundMessages = outbound,
            });
        }

        // Not started yet: keep everything until the start message arrives.
        var retryAt = state.ScheduledStartTime is { } scheduled && scheduled > now ? scheduled : now + _options.DeferredMessageRetryInterval;
        return new EpisodePlan.Abandon(retryAt, null);
    }

    private EpisodePlan.Commit PlanPoison(
        OrchestrationWorkItem workItem,
        OrchestrationState? state,
        ExecutionStartedEvent started,
        IReadOnlyList<HistoryEvent> history,
        OrchestrationMessage poison,
        List<OrchestrationMessage> outbound,
        DateTimeOffset now)
    {
        EngineLog.PoisonMessage(_logger, poison.MessageId, workItem.InstanceId, poison.DequeueCount);
        EngineTelemetry.PoisonMessages.Add(1);
        var failure = new FailureDetails(
            "PoisonMessage",
            $"A {poison.Event.Kind} message (id {poison.MessageId}) was delivered {poison.DequeueCount} times without being processed " +
            $"(the limit is {_options.MaxDequeueCount}); it was set aside and the instance failed.",
            IsNonRetriable: true);
        var newEvents = new List<HistoryEvent> { new OrchestratorStartedEvent { Timestamp = now } };
        if (history.Count == 0)
        {
            newEvents.Add(started);
        }

        newEvents.Add(new ExecutionCompletedEvent { Timestamp = now, Status = OrchestrationRuntimeStatus.Failed, FailureDetails = failure });
        if (started.Parent is { } parent)
        {
            outbound.Add(ResultToParent(parent, started.InstanceId, now, OrchestrationRuntimeStatus.Failed, null, failure));
        }

        return new EpisodePlan.Commit(new OrchestrationCheckpoint
        {
            NewEvents = newEvents,
            State = BaseState(state, started, now) with
            {
                RuntimeStatus = OrchestrationRuntimeStatus.Failed,
                FailureDetails = failure,
                CompletedAt = now,
                HistoryLength = history.Count + newEvents.Count,
                CustomStatus = state?.CustomStatus,
            },
            OutboundMessages = outbound,
        });
    }

    private static OrchestrationCheckpoint BuildCheckpoint(
        OrchestrationState? state,
        IReadOnlyList<HistoryEvent> history,
        EpisodeResult result,
        List<OrchestrationMessage> outbound,
        DateTimeOffset now)
    {
        var started = result.Started;
        var status = result.Status;
        var activities = new List<ActivityRequest>();
        var timers = new List<OrchestrationMessage>();
        foreach (var step in result.NewSteps)
        {
            switch (step)
            {
                case ActivityStep a:
                    activities.Add(new ActivityRequest(started.InstanceId, started.ExecutionId, a.Id, a.Name, a.Version, a.Input, a.IdempotencyKey));
                    break;
                case TimerStep { Cancelled: false } t:
                    timers.Add(new OrchestrationMessage
                    {
                        InstanceId = started.InstanceId,
                        ExecutionId = started.ExecutionId,
                        MessageId = $"{started.InstanceId}:{started.ExecutionId}:{t.Id}:timer",
                        Event = new TimerFiredEvent { TimerId = t.Id, FireAt = t.FireAt, Timestamp = t.FireAt },
                        EnqueuedAt = now,
                        VisibleAt = t.FireAt,
                    });
                    break;
                case SubOrchestrationStep s:
                    outbound.Add(new OrchestrationMessage
                    {
                        InstanceId = s.InstanceId,
                        ExecutionId = DeterministicExecutionId(started, s.Id),
                        MessageId = $"{started.InstanceId}:{started.ExecutionId}:{s.Id}:start",
                        EnqueuedAt = now,
                        Event = new ExecutionStartedEvent
                        {
                            Timestamp = now,
                            Name = s.Name,
                            Version = s.Version,
                            InstanceId = s.InstanceId,
                            ExecutionId = DeterministicExecutionId(started, s.Id),
                            Input = s.Input,
                            Tags = s.Tags,
                            Parent = new ParentInstance(started.InstanceId, started.ExecutionId, s.Id, started.Name),
                        },
                    });
                    break;
                case SendEventStep e:
                    var messageId = $"{started.InstanceId}:{started.ExecutionId}:{e.Id}:event";
                    outbound.Add(new OrchestrationMessage
                    {
                        InstanceId = e.InstanceId,
                        MessageId = messageId,
                        EnqueuedAt = now,
                        Event = new EventRaisedEvent { Timestamp = now, Name = e.Name, Input = e.Input, MessageId = messageId },
                    });
                    break;
            }
        }

        foreach (var child in result.ChildrenToTerminate)
        {
            outbound.Add(new OrchestrationMessage
            {
                InstanceId = child,
                EnqueuedAt = now,
                Event = new ExecutionTerminatedEvent { Timestamp = now, Reason = result.TerminateReason, Recursive = true },
            });
        }

        if (status.IsTerminal() && started.Parent is { } parent)
        {
            var failure = status == OrchestrationRuntimeStatus.Terminated
                ? new FailureDetails("Terminated", $"Sub-orchestration '{started.InstanceId}' was terminated: {result.TerminateReason}", IsNonRetriable: true)
                : result.Failure;
            outbound.Add(ResultToParent(parent, started.InstanceId, now, status, result.Output, failure));
        }

        var newState = BaseState(state, started, now) with
        {
            RuntimeStatus = status,
            Output = status == OrchestrationRuntimeStatus.ContinuedAsNew ? null : result.Output,
            FailureDetails = result.Failure,
            CustomStatus = result.CustomStatus,
            CompletedAt = status.IsTerminal() ? now : null,
            NextTimerDueAt = result.NextTimerDueAt,
            HistoryLength = history.Count + result.NewEvents.Count,
        };

        if (status == OrchestrationRuntimeStatus.ContinuedAsNew)
        {
            var nextExecutionId = Guid.NewGuid().ToString("N");
            outbound.Add(new OrchestrationMessage
            {
                InstanceId = started.InstanceId,
                ExecutionId = nextExecutionId,
                MessageId = $"{started.InstanceId}:{nextExecutionId}:start",
                EnqueuedAt = now,
                Event = started with
                {
                    Timestamp = now,
                    ExecutionId = nextExecutionId,
                    Input = result.ContinueAsNewInput,
                    ScheduledStartTime = null,
                    DeliveredEventIds = result.DeliveredEventIds,
                },
            });
            outbound.AddRange(result.CarriedOverMessages);
            newState = newState with { ExecutionId = nextExecutionId, Input = result.ContinueAsNewInput, HistoryLength = 0, NextTimerDueAt = null };
            return new OrchestrationCheckpoint
            {
                ReplacesHistory = true,
                NewEvents = [],
                State = newState,
                Activities = activities,
                Timers = [],
                OutboundMessages = outbound,
            };
        }

        return new OrchestrationCheckpoint
        {
            NewEvents = result.NewEvents,
            State = newState,
            Activities = activities,
            Timers = timers,
            CancelledTimerIds = result.CancelledTimerIds,
            OutboundMessages = outbound,
            DeferredMessages = result.DeferredMessages,
        };
    }

    private static OrchestrationState BaseState(OrchestrationState? state, ExecutionStartedEvent started, DateTimeOffset now) => new()
    {
        InstanceId = started.InstanceId,
        ExecutionId = started.ExecutionId,
        Name = started.Name,
        Version = started.Version,
        RuntimeStatus = OrchestrationRuntimeStatus.Running,
        CreatedAt = state?.CreatedAt ?? now,
        LastUpdatedAt = now,
        ScheduledStartTime = started.ScheduledStartTime,
        Input = started.Input,
        Tags = started.Tags ?? state?.Tags ?? new Dictionary<string, string>(),
        ParentInstanceId = started.Parent?.InstanceId,
    };

    private static OrchestrationMessage ResultToParent(
        ParentInstance parent,
        string childInstanceId,
        DateTimeOffset now,
        OrchestrationRuntimeStatus status,
        string? output,
        FailureDetails? failure) => new()
        {
            InstanceId = parent.InstanceId,
            ExecutionId = parent.ExecutionId,
            MessageId = $"{childInstanceId}:{parent.TaskId}:result",
            EnqueuedAt = now,
            Event = status == OrchestrationRuntimeStatus.Completed
                ? new SubOrchestrationCompletedEvent { TaskScheduledId = parent.TaskId, Result = output, Timestamp = now }
                : new SubOrchestrationFailedEvent
                {
                    TaskScheduledId = parent.TaskId,
                    Timestamp = now,
                    FailureDetails = failure ?? new FailureDetails("Unknown", $"Sub-orchestration ended as {status}."),
                },
        };

    private static string DeterministicExecutionId(ExecutionStartedEvent parent, int stepId)
    {
        // The same on every retry of the parent's episode, so a duplicate start is recognised as such.
        var bytes = System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes($"{parent.InstanceId}:{parent.ExecutionId}:{stepId}"));
        return Convert.ToHexStringLower(bytes.AsSpan(0, 16));
    }

    private abstract record EpisodePlan
    {
        public sealed record Commit(OrchestrationCheckpoint Checkpoint) : EpisodePlan;

        public sealed record Abandon(DateTimeOffset RetryAt, string? StuckReason) : EpisodePlan;
    }
}
