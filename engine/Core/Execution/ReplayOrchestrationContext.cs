using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Workflows.Engine.History;
using Workflows.Engine.Serialization;

namespace Workflows.Engine.Execution;

/// <summary>The context handed to orchestrator code during one episode; rebuilt from history every episode.</summary>
internal sealed class ReplayOrchestrationContext : OrchestrationContext
{
    private static readonly Guid GuidNamespace = new("9e952958-5e33-4daf-827f-2fa12937b875");
    private static readonly IReadOnlyDictionary<string, string> NoTags = new Dictionary<string, string>();

    private readonly DataConverter _converter;
    private readonly EngineOptions _options;
    private readonly ILoggerFactory _loggerFactory;
    private readonly Dictionary<int, ScheduledStep> _steps = [];
    private readonly Dictionary<string, LinkedList<EventWaiter>> _waiters = new(StringComparer.OrdinalIgnoreCase);
    private readonly List<BufferedEvent> _bufferedEvents = [];
    private int _nextStepId;
    private int _guidCounter;

    public ReplayOrchestrationContext(ExecutionStartedEvent started, DataConverter converter, EngineOptions options, ILoggerFactory? loggerFactory)
    {
        Started = started;
        _converter = converter;
        _options = options;
        _loggerFactory = loggerFactory ?? NullLoggerFactory.Instance;
    }

    public ExecutionStartedEvent Started { get; }

    public override string InstanceId => Started.InstanceId;

    public override string ExecutionId => Started.ExecutionId;

    public override string Name => Started.Name;

    public override string Version => Started.Version;

    public override string? ParentInstanceId => Started.Parent?.InstanceId;

    public override IReadOnlyDictionary<string, string> Tags => Started.Tags ?? NoTags;

    public override DateTimeOffset CurrentUtcDateTime => CurrentTime;

    public override bool IsReplaying => Replaying;

    public DateTimeOffset CurrentTime { get; set; }

    public bool Replaying { get; set; }

    /// <summary>Set when the code asked to continue as new.</summary>
    public (string? Input, bool PreserveEvents)? ContinueAsNewRequest { get; private set; }

    public string? CustomStatus { get; private set; }

    public IReadOnlyDictionary<int, ScheduledStep> Steps => _steps;

    /// <summary>Timers cancelled while not replaying (a backend may delete them).</summary>
    public List<int> CancelledTimers { get; } = [];

    public bool HasOpenDurableWaits =>
        _steps.Values.Any(s => s.IsOpen) || _waiters.Values.Any(list => list.Count > 0);

    public override Task<TResult> CallActivityAsync<TResult>(string name, object? input = null, TaskOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        var serializedInput = _converter.Serialize(input);
        var version = options?.Version ?? string.Empty;
        return options?.Retry is { } retry
            ? WithRetryAsync<TResult>(retry, key => ScheduleActivity(name, version, serializedInput, key))
            : DeserializeAsync<TResult>(ScheduleActivity(name, version, serializedInput, null).Completion.Task);
    }

    public override Task<TResult> CallSubOrchestrationAsync<TResult>(string name, object? input = null, SubOrchestrationOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        var serializedInput = _converter.Serialize(input);
        if (options?.Retry is { } retry)
        {
            // Every attempt needs its own instance id: the failed attempt's instance is finished.
            var attempt = 0;
            return WithRetryAsync<TResult>(retry, _ =>
            {
                attempt++;
                var id = options.InstanceId is null ? null : attempt == 1 ? options.InstanceId : $"{options.InstanceId}:{attempt}";
                return ScheduleSubOrchestration(name, options.Version ?? string.Empty, id, serializedInput, options.Tags);
            });
        }

        var step = ScheduleSubOrchestration(name, options?.Version ?? string.Empty, options?.InstanceId, serializedInput, options?.Tags);
        return DeserializeAsync<TResult>(step.Completion.Task);
    }

    public override Task CreateTimer(DateTimeOffset fireAt, CancellationToken cancellationToken = default)
    {
        var step = new TimerStep(_nextStepId++, fireAt);
        _steps.Add(step.Id, step);
        if (cancellationToken.CanBeCanceled)
        {
            cancellationToken.Register(() => CancelTimer(step, cancellationToken));
        }

        return step.Completion.Task;
    }

    public override Task<T> WaitForExternalEvent<T>(string name, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        return DeserializeAsync<T>(RegisterWaiter(name, cancellationToken).Completion.Task);
    }

    public override Task<T> WaitForExternalEvent<T>(string name, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        var waiter = RegisterWaiter(name, cancellationToken);
        if (waiter.Completion.Task.IsCompleted)
        {
            return DeserializeAsync<T>(waiter.Completion.Task);
        }

        return RaceAsync(waiter, name, timeout, cancellationToken);

        async Task<T> RaceAsync(EventWaiter w, string eventName, TimeSpan t, CancellationToken ct)
        {
            using var timerCancellation = CancellationTokenSource.CreateLinkedTokenSource(ct);
            var timer = CreateTimer(CurrentUtcDateTime + t, timerCancellation.Token);
            var winner = await Task.WhenAny(w.Completion.Task, timer);
            if (winner == w.Completion.Task)
            {
                // Cancel synchronously: the timer step must be marked cancelled within this continuation.
#pragma warning disable CA1849
                timerCancellation.Cancel();
#pragma warning restore CA1849
                return Deserialize<T>(await w.Completion.Task);
            }

            // The timer won (or the caller cancelled): this waiter must not take a later event.
            RemoveWaiter(w);
            await timer;
            throw new TimeoutException($"Event '{eventName}' was not received within {t}.");
        }
    }

    public override void SendEvent(string instanceId, string name, object? payload = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(instanceId);
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        var step = new SendEventStep(_nextStepId++, instanceId, name, _converter.Serialize(payload));
        _steps.Add(step.Id, step);
    }

    public override void SetCustomStatus(object? customStatus)
    {
        var serialized = _converter.Serialize(customStatus);
        if (serialized is not null && Encoding.UTF8.GetByteCount(serialized) > _options.MaxCustomStatusBytes)
        {
            throw new ArgumentException(
                $"The custom status is {Encoding.UTF8.GetByteCount(serialized)} bytes of JSON; the limit is {_options.MaxCustomStatusBytes}. " +
                "Keep custom status to small, non-personal fields (step, deadline, ids) and put the rest in activities' storage.",
                nameof(customStatus));
        }

        CustomStatus = serialized;
    }

    public override void ContinueAsNew(object? newInput, bool preserveUnprocessedEvents = true) =>
        ContinueAsNewRequest = (_converter.Serialize(newInput), preserveUnprocessedEvents);

    public override Guid NewGuid()
    {
        // The execution id keeps GUIDs distinct across continue-as-new at the same instant (a virtual clock).
        var name = $"{InstanceId}_{ExecutionId}_{CurrentUtcDateTime.UtcDateTime:O}_{_guidCounter++}";
        return CreateNameBasedGuid(GuidNamespace, name);
    }

    public override ILogger CreateReplaySafeLogger(string categoryName) =>
        new ReplaySafeLogger(this, _loggerFactory.CreateLogger(categoryName));

    public override ILogger CreateReplaySafeLogger(ILogger logger) => new ReplaySafeLogger(this, logger);

    /// <summary>Delivers an external event to the oldest waiter of that name, or buffers it.</summary>
    public void DeliverEvent(string name, string? input, string messageId)
    {
        if (_waiters.TryGetValue(name, out var list) && list.First is { } first)
        {
            list.RemoveFirst();
            first.Value.Node = null;
            first.Value.Completion.TrySetResult(input);
            return;
        }

        _bufferedEvents.Add(new BufferedEvent(name, input, messageId));
    }

    /// <summary>Events received and not consumed, in arrival order (carried over by ContinueAsNew).</summary>
    public IReadOnlyList<BufferedEvent> UnconsumedEvents => _bufferedEvents;

    public DateTimeOffset? NextTimerDue() =>
        _steps.Values.OfType<TimerStep>().Where(t => t.IsOpen && !t.Cancelled).Select(t => (DateTimeOffset?)t.FireAt).Min();

    private ActivityStep ScheduleActivity(string name, string version, string? input, string? idempotencyKey)
    {
        var id = _nextStepId++;
        var step = new ActivityStep(id, name, version, input, idempotencyKey ?? $"{InstanceId}:{ExecutionId}:{id}");
        _steps.Add(id, step);
        return step;
    }

    private SubOrchestrationStep ScheduleSubOrchestration(string name, string version, string? instanceId, string? input, IReadOnlyDictionary<string, string>? tags)
    {
        var id = _nextStepId++;
        var step = new SubOrchestrationStep(id, name, version, instanceId ?? $"{InstanceId}:{id:D4}", input, tags);
        _steps.Add(id, step);
        return step;
    }

    private async Task<TResult> WithRetryAsync<TResult>(RetryPolicy policy, Func<string?, ScheduledStep> schedule)
    {
        var firstAttemptAt = CurrentUtcDateTime;
        string? idempotencyKey = null;
        for (var attempt = 1; ; attempt++)
        {
            var step = schedule(idempotencyKey);
            if (step is ActivityStep activity)
            {
                idempotencyKey ??= activity.IdempotencyKey;
            }

            var completion = step is ActivityStep a ? a.Completion.Task : ((SubOrchestrationStep)step).Completion.Task;
            try
            {
                return Deserialize<TResult>(await completion);
            }
            catch (TaskFailedException failure) when (ShouldRetry(policy, failure.FailureDetails, attempt, firstAttemptAt))
            {
                await CreateTimer(CurrentUtcDateTime + policy.DelayAfter(attempt));
            }
        }
    }

    private bool ShouldRetry(RetryPolicy policy, FailureDetails failure, int attempt, DateTimeOffset firstAttemptAt)
    {
        if (attempt >= policy.MaxAttempts || failure.IsNonRetriable)
        {
            return false;
        }

        if (policy.RetryTimeout is { } timeout && CurrentUtcDateTime + policy.DelayAfter(attempt) - firstAttemptAt > timeout)
        {
            return false;
        }

        return policy.Handle?.Invoke(failure) ?? true;
    }

    private EventWaiter RegisterWaiter(string name, CancellationToken cancellationToken)
    {
        var waiter = new EventWaiter(name);
        var buffered = _bufferedEvents.FindIndex(e => string.Equals(e.Name, name, StringComparison.OrdinalIgnoreCase));
        if (buffered >= 0)
        {
            waiter.Completion.TrySetResult(_bufferedEvents[buffered].Input);
            _bufferedEvents.RemoveAt(buffered);
            return waiter;
        }

        if (!_waiters.TryGetValue(name, out var list))
        {
            list = new LinkedList<EventWaiter>();
            _waiters[name] = list;
        }

        waiter.Node = list.AddLast(waiter);
        if (cancellationToken.CanBeCanceled)
        {
            cancellationToken.Register(() =>
            {
                RemoveWaiter(waiter);
                waiter.Completion.TrySetCanceled(cancellationToken);
            });
        }

        return waiter;
    }

    private static void RemoveWaiter(EventWaiter waiter)
    {
        if (waiter.Node is { List: not null } node)
        {
            node.List.Remove(node);
        }

        waiter.Node = null;
    }

    private void CancelTimer(TimerStep step, CancellationToken token)
    {
        if (step.Completion.Task.IsCompleted)
        {
            return;
        }

        step.Cancelled = true;
        step.Completion.TrySetCanceled(token);
        if (!Replaying && step.InHistory)
        {
            CancelledTimers.Add(step.Id);
        }
    }

    private async Task<T> DeserializeAsync<T>(Task<string?> raw) => Deserialize<T>(await raw);

    private T Deserialize<T>(string? raw) => _converter.Deserialize<T>(raw)!;

    private static Guid CreateNameBasedGuid(Guid namespaceId, string name)
    {
        // RFC 4122 version 5 (SHA-1) name-based UUID, as Durable Functions' NewGuid.
        Span<byte> namespaceBytes = stackalloc byte[16];
        namespaceId.TryWriteBytes(namespaceBytes, bigEndian: true, out _);
        var nameBytes = Encoding.UTF8.GetBytes(name);
        var input = new byte[16 + nameBytes.Length];
        namespaceBytes.CopyTo(input);
        nameBytes.CopyTo(input, 16);
#pragma warning disable CA5350 // SHA-1 is what RFC 4122 version 5 prescribes; this is an identifier, not a security hash.
        var hash = SHA1.HashData(input);
#pragma warning restore CA5350
        hash[6] = (byte)((hash[6] & 0x0F) | 0x50);
        hash[8] = (byte)((hash[8] & 0x3F) | 0x80);
        return new Guid(hash.AsSpan(0, 16), bigEndian: true);
    }

    /// <summary>An event that arrived before anyone waited for it.</summary>
    public sealed record BufferedEvent(string Name, string? Input, string MessageId);

    private sealed class EventWaiter(string name)
    {
        public string Name { get; } = name;

        public TaskCompletionSource<string?> Completion { get; } = new();

        public LinkedListNode<EventWaiter>? Node { get; set; }
    }
}
