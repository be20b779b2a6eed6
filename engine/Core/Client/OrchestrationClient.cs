using Workflows.Engine.Backend;
using Workflows.Engine.History;
using Workflows.Engine.Hosting;
using Workflows.Engine.Serialization;

namespace Workflows.Engine.Client;

/// <summary>
/// Starts, inspects and steers orchestration instances: the programmatic twin of Durable Functions'
/// HTTP management API. Failures it can explain are thrown as <see cref="OrchestrationException"/>.
/// </summary>
public sealed class OrchestrationClient
{
    private static readonly OrchestrationRuntimeStatus[] LiveStatuses =
        [OrchestrationRuntimeStatus.Pending, OrchestrationRuntimeStatus.Running, OrchestrationRuntimeStatus.Suspended, OrchestrationRuntimeStatus.ContinuedAsNew];

    private readonly IOrchestrationBackend _backend;
    private readonly OrchestrationRegistry _registry;
    private readonly DataConverter _converter;
    private readonly TimeProvider _time;

    /// <summary>Creates a client over a backend.</summary>
    public OrchestrationClient(IOrchestrationBackend backend, OrchestrationRegistry registry, DataConverter converter, TimeProvider time)
    {
        _backend = backend;
        _registry = registry;
        _converter = converter;
        _time = time;
    }

    /// <summary>The statuses that, by default, make a start with an existing instance id fail.</summary>
    public static IReadOnlyCollection<OrchestrationRuntimeStatus> DefaultDedupeStatuses => LiveStatuses;

    /// <summary>The converter used for inputs, outputs and events.</summary>
    public DataConverter Converter => _converter;

    /// <summary>
    /// Schedules a new instance and returns its id. With an explicit id, an existing instance in one of
    /// <see cref="StartOrchestrationOptions.DedupeStatuses"/> makes this throw
    /// (<see cref="OrchestrationErrorCode.InstanceAlreadyExists"/>); a finished one is replaced.
    /// </summary>
    public Task<string> ScheduleNewOrchestrationAsync(
        string name,
        object? input = null,
        StartOrchestrationOptions? options = null,
        CancellationToken cancellationToken = default) =>
        ScheduleAsync(name, _converter.Serialize(input), options, cancellationToken);

    private async Task<string> ScheduleAsync(string name, string? serializedInput, StartOrchestrationOptions? options, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            throw new OrchestrationException(OrchestrationErrorCode.InvalidArgument, "An orchestration name is required.");
        }

        if (_registry.OrchestrationNames.Count > 0 && _registry.GetLatestVersion(name) is null)
        {
            throw new OrchestrationException(OrchestrationErrorCode.NotRegistered, $"No orchestration named '{name}' is registered.");
        }

        var instanceId = options?.InstanceId ?? Guid.NewGuid().ToString("N");
        InstanceIds.Validate(instanceId);
        var now = _time.GetUtcNow();
        var executionId = Guid.NewGuid().ToString("N");
        var startAt = options?.StartAt is { } at && at > now ? at : (DateTimeOffset?)null;
        var started = new ExecutionStartedEvent
        {
            Timestamp = now,
            Name = name,
            Version = options?.Version ?? _registry.GetLatestVersion(name) ?? string.Empty,
            InstanceId = instanceId,
            ExecutionId = executionId,
            Input = serializedInput,
            ScheduledStartTime = startAt,
            Tags = options?.Tags is { Count: > 0 } tags ? new Dictionary<string, string>(tags, StringComparer.Ordinal) : null,
        };
        var message = new OrchestrationMessage
        {
            InstanceId = instanceId,
            ExecutionId = executionId,
            MessageId = $"{instanceId}:{executionId}:start",
            Event = started,
            EnqueuedAt = now,
            VisibleAt = startAt,
        };
        await _backend.CreateInstanceAsync(message, options?.DedupeStatuses ?? LiveStatuses, cancellationToken).ConfigureAwait(false);
        return instanceId;
    }

    /// <summary>
    /// Raises an external event. <paramref name="eventId"/> makes the raise idempotent: a second raise
    /// with the same id is ignored by the instance.
    /// </summary>
    public async Task RaiseEventAsync(string instanceId, string eventName, object? payload = null, string? eventId = null, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrWhiteSpace(eventName))
        {
            throw new OrchestrationException(OrchestrationErrorCode.InvalidArgument, "An event name is required.");
        }

        await RequireLiveAsync(instanceId, cancellationToken).ConfigureAwait(false);
        var now = _time.GetUtcNow();
        var messageId = eventId ?? Guid.NewGuid().ToString("N");
        await _backend.SendMessageAsync(
            new OrchestrationMessage
            {
                InstanceId = instanceId,
                MessageId = messageId,
                EnqueuedAt = now,
                Event = new EventRaisedEvent { Timestamp = now, Name = eventName, Input = _converter.Serialize(payload), MessageId = messageId },
            },
            cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Terminates a running, pending or suspended instance (and, if asked, its running sub-orchestrations).</summary>
    public async Task TerminateAsync(string instanceId, string? reason = null, bool recursive = false, CancellationToken cancellationToken = default)
    {
        await RequireLiveAsync(instanceId, cancellationToken).ConfigureAwait(false);
        await SendLifecycleAsync(instanceId, new ExecutionTerminatedEvent { Reason = reason, Recursive = recursive }, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Suspends an instance: no code runs and arriving events are kept until it is resumed.</summary>
    public async Task SuspendAsync(string instanceId, string? reason = null, CancellationToken cancellationToken = default)
    {
        await RequireLiveAsync(instanceId, cancellationToken).ConfigureAwait(false);
        await SendLifecycleAsync(instanceId, new ExecutionSuspendedEvent { Reason = reason }, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Resumes a suspended instance; the events kept meanwhile are delivered in order.</summary>
    public async Task ResumeAsync(string instanceId, string? reason = null, CancellationToken cancellationToken = default)
    {
        await RequireLiveAsync(instanceId, cancellationToken).ConfigureAwait(false);
        await SendLifecycleAsync(instanceId, new ExecutionResumedEvent { Reason = reason }, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Rewinds a failed instance: the failure and the failed results of its last episode are removed
    /// from history, the failed activities run again (failed sub-orchestrations are rewound too), and
    /// the code replays. Use it after fixing the cause (for example a bug fixed in a new deployment).
    /// </summary>
    public async Task RewindAsync(string instanceId, string? reason = null, CancellationToken cancellationToken = default)
    {
        var state = await GetInstanceAsync(instanceId, false, cancellationToken).ConfigureAwait(false) ?? throw NotFound(instanceId);
        if (state.RuntimeStatus != OrchestrationRuntimeStatus.Failed)
        {
            throw new OrchestrationException(
                OrchestrationErrorCode.InvalidInstanceState,
                $"Instance '{instanceId}' is {state.RuntimeStatus}; only a failed instance can be rewound.");
        }

        await SendLifecycleAsync(instanceId, new ExecutionRewoundEvent { Reason = reason }, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Starts an instance again with its original name, version, input and tags. With
    /// <paramref name="restartWithNewInstanceId"/> false, the instance must have finished and keeps its id.
    /// </summary>
    public async Task<string> RestartAsync(string instanceId, bool restartWithNewInstanceId = false, CancellationToken cancellationToken = default)
    {
        var state = await GetInstanceAsync(instanceId, getInputsAndOutputs: true, cancellationToken).ConfigureAwait(false)
            ?? throw NotFound(instanceId);
        if (!restartWithNewInstanceId && !state.RuntimeStatus.IsTerminal())
        {
            throw new OrchestrationException(
                OrchestrationErrorCode.InvalidInstanceState,
                $"Instance '{instanceId}' is {state.RuntimeStatus}; only a finished instance can be restarted under the same id.");
        }

        var options = new StartOrchestrationOptions
        {
            InstanceId = restartWithNewInstanceId ? null : instanceId,
            Version = state.Version,
            Tags = state.Tags,
        };
        return await ScheduleAsync(state.Name, state.Input, options, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Reads an instance's status, or null if there is none.</summary>
    public Task<OrchestrationState?> GetInstanceAsync(string instanceId, bool getInputsAndOutputs = false, CancellationToken cancellationToken = default)
    {
        InstanceIds.Validate(instanceId);
        return _backend.GetStateAsync(instanceId, getInputsAndOutputs, cancellationToken);
    }

    /// <summary>Reads the current execution's history.</summary>
    public Task<IReadOnlyList<HistoryEvent>> GetHistoryAsync(string instanceId, CancellationToken cancellationToken = default)
    {
        InstanceIds.Validate(instanceId);
        return _backend.GetHistoryAsync(instanceId, cancellationToken);
    }

    /// <summary>Lists instances matching a query, newest first, one page at a time.</summary>
    public Task<InstancePage> QueryInstancesAsync(InstanceQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        if (query.PageSize is < 1 or > 1000)
        {
            throw new OrchestrationException(OrchestrationErrorCode.InvalidArgument, "The page size must be between 1 and 1000.");
        }

        return _backend.QueryInstancesAsync(query, cancellationToken);
    }

    /// <summary>
    /// Counts exactly the instances a query would list, across all its pages (its paging settings play no
    /// part). Reads index entries only, never the instances themselves.
    /// </summary>
    public async Task<long> CountInstancesAsync(InstanceQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        var counts = await CountInstancesAsync(InstanceCountQuery.For(query), cancellationToken).ConfigureAwait(false);
        return counts.Sum(c => c.Count);
    }

    /// <summary>
    /// Counts instances exactly, per name, status and time bucket as the query asks. Reads index entries
    /// only; the cost grows with the number of matching instances (about one storage request per
    /// thousand), so callers showing large counts often should keep them for a while.
    /// </summary>
    public Task<IReadOnlyList<InstanceCount>> CountInstancesAsync(InstanceCountQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        InstanceCountRules.Validate(query);
        return _backend.CountInstancesAsync(query, cancellationToken);
    }

    /// <summary>Deletes a finished instance and its history. Returns how many instances were deleted (0 or 1).</summary>
    public async Task<PurgeResult> PurgeInstanceAsync(string instanceId, CancellationToken cancellationToken = default)
    {
        InstanceIds.Validate(instanceId);
        return new PurgeResult(await _backend.PurgeInstanceAsync(instanceId, cancellationToken).ConfigureAwait(false) ? 1 : 0);
    }

    /// <summary>Deletes finished instances matching a filter, one page per call (see <see cref="PurgeResult.MoreRemaining"/>).</summary>
    public Task<PurgeResult> PurgeInstancesAsync(PurgeFilter filter, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(filter);
        if (filter.RuntimeStatus?.Any(s => !s.IsTerminal()) == true)
        {
            throw new OrchestrationException(OrchestrationErrorCode.InvalidArgument, "Only Completed, Failed and Terminated instances can be purged.");
        }

        return _backend.PurgeInstancesAsync(filter, cancellationToken);
    }

    /// <summary>Waits (polling with backoff) until the instance reaches a terminal status, and returns it.</summary>
    public async Task<OrchestrationState> WaitForInstanceCompletionAsync(string instanceId, bool getInputsAndOutputs = true, CancellationToken cancellationToken = default)
    {
        var delay = TimeSpan.FromMilliseconds(10);
        while (true)
        {
            var state = await GetInstanceAsync(instanceId, getInputsAndOutputs, cancellationToken).ConfigureAwait(false)
                ?? throw NotFound(instanceId);
            if (state.RuntimeStatus.IsTerminal())
            {
                return state;
            }

            // Polling runs on real time even when the engine runs on a virtual clock.
            await Task.Delay(delay, cancellationToken).ConfigureAwait(false);
            delay = TimeSpan.FromMilliseconds(Math.Min(delay.TotalMilliseconds * 1.5, 1000));
        }
    }

    private async Task RequireLiveAsync(string instanceId, CancellationToken cancellationToken)
    {
        var state = await GetInstanceAsync(instanceId, false, cancellationToken).ConfigureAwait(false) ?? throw NotFound(instanceId);
        if (state.RuntimeStatus.IsTerminal())
        {
            throw new OrchestrationException(OrchestrationErrorCode.InstanceCompleted, $"Instance '{instanceId}' has already finished ({state.RuntimeStatus}).");
        }
    }

    private Task SendLifecycleAsync(string instanceId, HistoryEvent e, CancellationToken cancellationToken)
    {
        var now = _time.GetUtcNow();
        return _backend.SendMessageAsync(
            new OrchestrationMessage { InstanceId = instanceId, EnqueuedAt = now, Event = e with { Timestamp = now } },
            cancellationToken);
    }

    private static OrchestrationException NotFound(string instanceId) =>
        new(OrchestrationErrorCode.InstanceNotFound, $"No instance with id '{instanceId}' exists.");
}
