using System.Text.Json;
using Workflows.Engine.Client;
using Workflows.Engine.History;
using Workflows.Engine.Hosting;

namespace Workflows.Engine.Conformance;

/// <summary>
/// The behaviour every backend must show. A backend's test project derives from this class and
/// supplies a harness; the tests run unchanged.
/// </summary>
public abstract class OrchestrationConformanceTests
{
    /// <summary>How many activities the fan-out test runs (smaller for slow backends).</summary>
    protected virtual int FanOutCount => 1000;

    /// <summary>Creates a harness whose worker runs the given registrations.</summary>
    protected abstract Task<IConformanceHarness> CreateHarnessAsync(Action<EngineBuilder> configure);

    private Task<IConformanceHarness> CreateHarnessAsync() => CreateHarnessAsync(ConformanceOrchestrations.Register);

    private static string NewId(string prefix) => $"{prefix}-{Guid.NewGuid():N}";

    private static T Output<T>(IConformanceHarness h, OrchestrationState s) => h.Client.Converter.Deserialize<T>(s.Output)!;

    private static Task<OrchestrationState> Completed(IConformanceHarness h, string id) =>
        h.WaitForStateAsync(id, s => s.RuntimeStatus.IsTerminal(), "a terminal status");

    private static Task<OrchestrationState> CustomStatusIs(IConformanceHarness h, string id, string json) =>
        h.WaitForStateAsync(id, s => s.CustomStatus == json, $"custom status {json}");

    [Fact]
    public async Task Activity_chain_completes_with_the_outputs_in_order()
    {
        await using var h = await CreateHarnessAsync();
        var id = await h.Client.ScheduleNewOrchestrationAsync("Conformance.Sequence", "Amina");
        var state = await Completed(h, id);
        Assert.Equal(OrchestrationRuntimeStatus.Completed, state.RuntimeStatus);
        Assert.Equal(["Hello, Amina 1!", "Hello, Amina 2!", "Hello, Amina 3!"], Output<string[]>(h, state));
        Assert.Equal("\"Amina\"", state.Input);
    }

    [Fact]
    public async Task Fan_out_and_fan_in_collects_every_result()
    {
        await using var h = await CreateHarnessAsync();
        var id = await h.Client.ScheduleNewOrchestrationAsync("Conformance.FanOut", FanOutCount);
        var state = await Completed(h, id);
        Assert.Equal(OrchestrationRuntimeStatus.Completed, state.RuntimeStatus);
        Assert.Equal(FanOutCount * (FanOutCount + 1), Output<int>(h, state));
        var history = await h.Client.GetHistoryAsync(id);
        Assert.Equal(FanOutCount, history.OfType<TaskScheduledEvent>().Count());
        Assert.Equal(FanOutCount, history.OfType<TaskCompletedEvent>().Count());
    }

    [Fact]
    public async Task Activity_failure_reaches_the_orchestrator_with_type_message_and_stack()
    {
        await using var h = await CreateHarnessAsync();
        var id = await h.Client.ScheduleNewOrchestrationAsync("Conformance.CatchFailure", "disk on fire");
        var view = Output<FailureView>(h, await Completed(h, id))!;
        Assert.Equal(typeof(InvalidOperationException).FullName, view.ErrorType);
        Assert.Equal("disk on fire", view.ErrorMessage);
        Assert.True(view.HasStackTrace);
    }

    [Fact]
    public async Task Unhandled_activity_failure_fails_the_instance_and_keeps_the_cause()
    {
        await using var h = await CreateHarnessAsync();
        var id = await h.Client.ScheduleNewOrchestrationAsync("Conformance.Unhandled", "bad input");
        var state = await Completed(h, id);
        Assert.Equal(OrchestrationRuntimeStatus.Failed, state.RuntimeStatus);
        Assert.NotNull(state.FailureDetails);
        Assert.Equal(typeof(TaskFailedException).FullName, state.FailureDetails.ErrorType);
        Assert.Equal(typeof(InvalidOperationException).FullName, state.FailureDetails.InnerFailure?.ErrorType);
        Assert.Equal("bad input", state.FailureDetails.InnerFailure?.ErrorMessage);
        Assert.True(state.FailureDetails.IsCausedBy<InvalidOperationException>());
    }

    [Fact]
    public async Task Retry_policy_retries_on_durable_timers_with_one_idempotency_key()
    {
        await using var h = await CreateHarnessAsync();
        var key = NewId("retry");
        var id = await h.Client.ScheduleNewOrchestrationAsync("Conformance.Retry", new FlakyInput(key, 3, 5));
        await h.WaitForStateAsync(id, s => s.NextTimerDueAt is not null, "the first retry timer");
        await h.AdvanceAsync(TimeSpan.FromSeconds(10));
        await h.WaitForStateAsync(id, s => s.NextTimerDueAt is not null && s.NextTimerDueAt > h.UtcNow, "the second retry timer");
        await h.AdvanceAsync(TimeSpan.FromSeconds(20));
        var state = await Completed(h, id);
        Assert.Equal("succeeded on attempt 3", Output<string>(h, state));
        var history = await h.Client.GetHistoryAsync(id);
        var timers = history.OfType<TimerCreatedEvent>().ToList();
        Assert.Equal(2, timers.Count);
        Assert.Single(ConformanceOrchestrations.KeysSeen[key].Distinct());
    }

    [Fact]
    public async Task Retry_policy_gives_up_after_the_last_attempt()
    {
        await using var h = await CreateHarnessAsync();
        var key = NewId("retry");
        var id = await h.Client.ScheduleNewOrchestrationAsync("Conformance.Retry", new FlakyInput(key, 10, 2));
        await h.WaitForStateAsync(id, s => s.NextTimerDueAt is not null, "the retry timer");
        await h.AdvanceAsync(TimeSpan.FromSeconds(10));
        var state = await Completed(h, id);
        Assert.Equal(OrchestrationRuntimeStatus.Failed, state.RuntimeStatus);
        Assert.True(state.FailureDetails!.IsCausedBy<TimeoutException>());
        Assert.Equal(2, ConformanceOrchestrations.Attempts[key]);
    }

    [Fact]
    public async Task Rewind_runs_the_failed_activity_again_and_the_instance_completes()
    {
        await using var h = await CreateHarnessAsync();
        var key = NewId("rewind");
        var id = await h.Client.ScheduleNewOrchestrationAsync("Conformance.NoRetry", new FlakyInput(key, 2, 1));
        Assert.Equal(OrchestrationRuntimeStatus.Failed, (await Completed(h, id)).RuntimeStatus);

        await h.Client.RewindAsync(id, "the mail server is back");
        var state = await h.WaitForStateAsync(id, s => s.RuntimeStatus == OrchestrationRuntimeStatus.Completed, "completed after rewind");
        Assert.Equal("before, then succeeded on attempt 2", Output<string>(h, state));
        var history = await h.Client.GetHistoryAsync(id);
        Assert.Single(history.OfType<ExecutionRewoundEvent>());
        Assert.DoesNotContain(history, e => e is TaskFailedEvent);
        Assert.Equal(2, history.OfType<TaskScheduledEvent>().Count());
    }

    [Fact]
    public async Task Rewind_of_an_instance_that_did_not_fail_is_refused()
    {
        await using var h = await CreateHarnessAsync();
        var id = await h.Client.ScheduleNewOrchestrationAsync("Conformance.Sequence", "ok");
        await Completed(h, id);
        var error = await Assert.ThrowsAsync<OrchestrationException>(() => h.Client.RewindAsync(id));
        Assert.Equal(OrchestrationErrorCode.InvalidInstanceState, error.ErrorCode);
    }

    [Fact]
    public async Task Sub_orchestration_returns_its_output_under_the_explicit_id()
    {
        await using var h = await CreateHarnessAsync();
        var childId = NewId("child");
        var id = await h.Client.ScheduleNewOrchestrationAsync("Conformance.Parent", new ParentInput("Omar", childId, false));
        var state = await Completed(h, id);
        Assert.Equal("Hello, Omar!", Output<string>(h, state));
        var child = await h.Client.GetInstanceAsync(childId);
        Assert.Equal(OrchestrationRuntimeStatus.Completed, child?.RuntimeStatus);
        Assert.Equal(id, child?.ParentInstanceId);
    }

    [Fact]
    public async Task Sub_orchestration_failure_propagates_with_details()
    {
        await using var h = await CreateHarnessAsync();
        var id = await h.Client.ScheduleNewOrchestrationAsync("Conformance.Parent", new ParentInput("fail", null, true));
        var output = Output<string>(h, await Completed(h, id))!;
        Assert.StartsWith($"caught {typeof(ArgumentException).FullName}: child failed on purpose from {id}:", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Durable_timer_fires_after_the_clock_passes_its_due_time()
    {
        await using var h = await CreateHarnessAsync();
        var start = h.UtcNow;
        var id = await h.Client.ScheduleNewOrchestrationAsync("Conformance.Timer", 90);
        var waiting = await h.WaitForStateAsync(id, s => s.NextTimerDueAt is not null, "a pending timer");
        Assert.Equal(OrchestrationRuntimeStatus.Running, waiting.RuntimeStatus);
        Assert.InRange(waiting.NextTimerDueAt!.Value, start.AddDays(90).AddSeconds(-1), start.AddDays(90).AddMinutes(1));
        await h.AdvanceAsync(TimeSpan.FromDays(89));
        await h.SettleAsync();
        Assert.Equal(OrchestrationRuntimeStatus.Running, (await h.Client.GetInstanceAsync(id))!.RuntimeStatus);
        await h.AdvanceAsync(TimeSpan.FromDays(1) + TimeSpan.FromMinutes(1));
        var state = await Completed(h, id);
        Assert.Equal("90", Output<string>(h, state));
    }

    [Fact]
    public async Task Events_raised_before_the_wait_are_buffered_and_delivered_in_order()
    {
        await using var h = await CreateHarnessAsync();
        var id = await h.Client.ScheduleNewOrchestrationAsync("Conformance.WaitForEvents", 3);
        await h.Client.RaiseEventAsync(id, "approval", "first");
        await h.Client.RaiseEventAsync(id, "APPROVAL", "second");
        await h.Client.RaiseEventAsync(id, "Approval", "third");
        var state = await Completed(h, id);
        Assert.Equal(["first", "second", "third"], Output<string[]>(h, state));
    }

    [Fact]
    public async Task Event_raised_while_waiting_completes_the_wait()
    {
        await using var h = await CreateHarnessAsync();
        var id = await h.Client.ScheduleNewOrchestrationAsync("Conformance.WaitForEvents", 1);
        await CustomStatusIs(h, id, "\"waiting\"");
        await h.Client.RaiseEventAsync(id, "Approval", "yes");
        Assert.Equal(["yes"], Output<string[]>(h, await Completed(h, id)));
    }

    [Fact]
    public async Task Event_raised_after_completion_is_refused()
    {
        await using var h = await CreateHarnessAsync();
        var id = await h.Client.ScheduleNewOrchestrationAsync("Conformance.WaitForEvents", 1);
        await h.Client.RaiseEventAsync(id, "Approval", "yes");
        await Completed(h, id);
        var error = await Assert.ThrowsAsync<OrchestrationException>(() => h.Client.RaiseEventAsync(id, "Approval", "late"));
        Assert.Equal(OrchestrationErrorCode.InstanceCompleted, error.ErrorCode);
    }

    [Fact]
    public async Task Event_to_unknown_instance_is_refused()
    {
        await using var h = await CreateHarnessAsync();
        var error = await Assert.ThrowsAsync<OrchestrationException>(() => h.Client.RaiseEventAsync(NewId("nobody"), "Approval", "x"));
        Assert.Equal(OrchestrationErrorCode.InstanceNotFound, error.ErrorCode);
    }

    [Fact]
    public async Task One_event_completes_one_waiter()
    {
        await using var h = await CreateHarnessAsync();
        var id = await h.Client.ScheduleNewOrchestrationAsync("Conformance.TwoWaiters", "");
        await CustomStatusIs(h, id, "\"waiting\"");
        await h.Client.RaiseEventAsync(id, "Decision", "one");
        await h.SettleAsync();
        Assert.Equal(OrchestrationRuntimeStatus.Running, (await h.Client.GetInstanceAsync(id))!.RuntimeStatus);
        await h.Client.RaiseEventAsync(id, "decision", "two");
        Assert.Equal(["one", "two"], Output<string[]>(h, await Completed(h, id)));
    }

    [Fact]
    public async Task Duplicate_event_delivery_is_ignored()
    {
        await using var h = await CreateHarnessAsync();
        var id = await h.Client.ScheduleNewOrchestrationAsync("Conformance.WaitForEvents", 2);
        await CustomStatusIs(h, id, "\"waiting\"");
        await h.Client.RaiseEventAsync(id, "Approval", "once", eventId: "decision-1");
        await h.Client.RaiseEventAsync(id, "Approval", "once", eventId: "decision-1");
        await h.WaitForHistoryAsync(id, history => history.OfType<EventRaisedEvent>().Any(), "the first delivery");
        await h.SettleAsync();
        Assert.Equal(OrchestrationRuntimeStatus.Running, (await h.Client.GetInstanceAsync(id))!.RuntimeStatus);
        await h.Client.RaiseEventAsync(id, "Approval", "twice", eventId: "decision-2");
        Assert.Equal(["once", "twice"], Output<string[]>(h, await Completed(h, id)));
        Assert.Equal(2, (await h.Client.GetHistoryAsync(id)).OfType<EventRaisedEvent>().Count());
    }

    [Fact]
    public async Task Wait_with_timeout_throws_when_the_timer_wins_and_the_waiter_takes_no_later_event()
    {
        await using var h = await CreateHarnessAsync();
        var id = await h.Client.ScheduleNewOrchestrationAsync("Conformance.EventWithTimeout", 24);
        await CustomStatusIs(h, id, "\"waiting\"");
        await h.AdvanceAsync(TimeSpan.FromHours(24) + TimeSpan.FromMinutes(1));
        await CustomStatusIs(h, id, "\"timed-out\"");
        await h.Client.RaiseEventAsync(id, "Approval", "late");
        Assert.Equal("timeout, then:late", Output<string>(h, await Completed(h, id)));
    }

    [Fact]
    public async Task Wait_with_timeout_returns_the_event_when_it_comes_first()
    {
        await using var h = await CreateHarnessAsync();
        var id = await h.Client.ScheduleNewOrchestrationAsync("Conformance.EventWithTimeout", 24);
        await CustomStatusIs(h, id, "\"waiting\"");
        await h.Client.RaiseEventAsync(id, "Approval", "on time");
        Assert.Equal("event:on time", Output<string>(h, await Completed(h, id)));
    }

    [Fact]
    public async Task Cancelled_timer_firing_later_changes_nothing()
    {
        await using var h = await CreateHarnessAsync();
        var id = await h.Client.ScheduleNewOrchestrationAsync("Conformance.TimerRace", 48);
        await CustomStatusIs(h, id, "\"waiting\"");
        await h.Client.RaiseEventAsync(id, "Approval", "yes");
        var approved = await CustomStatusIs(h, id, "\"approved\"");
        Assert.Null(approved.NextTimerDueAt);
        var historyBefore = await h.Client.GetHistoryAsync(id);
        await h.AdvanceAsync(TimeSpan.FromHours(49));
        await h.SettleAsync();
        var after = await h.Client.GetInstanceAsync(id);
        Assert.Equal(OrchestrationRuntimeStatus.Running, after!.RuntimeStatus);
        Assert.Equal(historyBefore.Count, (await h.Client.GetHistoryAsync(id)).Count);
        await h.Client.RaiseEventAsync(id, "Close", "");
        Assert.Equal("approved:yes", Output<string>(h, await Completed(h, id)));
    }

    [Fact]
    public async Task Timer_that_wins_the_race_ends_the_wait()
    {
        await using var h = await CreateHarnessAsync();
        var id = await h.Client.ScheduleNewOrchestrationAsync("Conformance.TimerRace", 48);
        await CustomStatusIs(h, id, "\"waiting\"");
        await h.AdvanceAsync(TimeSpan.FromHours(48) + TimeSpan.FromMinutes(1));
        Assert.Equal("expired", Output<string>(h, await Completed(h, id)));
    }

    [Fact]
    public async Task Custom_status_is_visible_while_running()
    {
        await using var h = await CreateHarnessAsync();
        var id = await h.Client.ScheduleNewOrchestrationAsync("Conformance.CustomStatus", "10");
        var state = await h.WaitForStateAsync(id, s => s.CustomStatus is not null, "a custom status");
        Assert.Equal("{\"step\":\"first\"}", state.CustomStatus);
    }

    [Fact]
    public async Task Oversized_custom_status_fails_the_instance_with_a_clear_message()
    {
        await using var h = await CreateHarnessAsync();
        var id = await h.Client.ScheduleNewOrchestrationAsync("Conformance.CustomStatus", "20000");
        await h.WaitForStateAsync(id, s => s.CustomStatus is not null, "a custom status");
        await h.Client.RaiseEventAsync(id, "next", "");
        var state = await Completed(h, id);
        Assert.Equal(OrchestrationRuntimeStatus.Failed, state.RuntimeStatus);
        Assert.Contains("the limit is 16384", state.FailureDetails!.ErrorMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Continue_as_new_restarts_with_a_fresh_history_and_keeps_unprocessed_events()
    {
        await using var h = await CreateHarnessAsync();
        var id = await h.Client.ScheduleNewOrchestrationAsync("Conformance.Counter", 0);
        await CustomStatusIs(h, id, "0");
        for (var i = 0; i < 4; i++)
        {
            await h.Client.RaiseEventAsync(id, "add", 25);
        }

        var state = await Completed(h, id);
        Assert.Equal(OrchestrationRuntimeStatus.Completed, state.RuntimeStatus);
        Assert.Equal(100, Output<int>(h, state));
        var history = await h.Client.GetHistoryAsync(id);
        Assert.Equal("75", history.OfType<ExecutionStartedEvent>().Single().Input);
        Assert.Single(history.OfType<EventRaisedEvent>());
    }

    [Fact]
    public async Task NewGuid_is_the_same_on_replay_and_distinct_between_calls()
    {
        await using var h = await CreateHarnessAsync();
        var id = await h.Client.ScheduleNewOrchestrationAsync("Conformance.Guids", "");
        var view = Output<GuidView>(h, await Completed(h, id))!;
        Assert.True(view.StableAcrossReplay);
        Assert.True(view.Distinct);
    }

    [Fact]
    public async Task Awaiting_a_non_durable_task_fails_the_instance_with_an_explanation()
    {
        await using var h = await CreateHarnessAsync();
        var id = await h.Client.ScheduleNewOrchestrationAsync("Conformance.NonDurableAwait", "");
        var state = await Completed(h, id);
        Assert.Equal(OrchestrationRuntimeStatus.Failed, state.RuntimeStatus);
        Assert.Contains("Task.Delay", state.FailureDetails!.ErrorMessage, StringComparison.Ordinal);
        Assert.Contains("CreateTimer", state.FailureDetails.ErrorMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Changed_code_fails_the_instance_naming_the_expected_and_actual_step()
    {
        await using var h = await CreateHarnessAsync();
        var id = await h.Client.ScheduleNewOrchestrationAsync("Conformance.Changing", "");
        await h.WaitForHistoryAsync(id, history => history.OfType<TaskCompletedEvent>().Any(), "the first activity's result");

        // A deployment changes the code under the same name and version: it now calls a timer first.
        h.Registry.AddOrchestration<string, string>("Conformance.Changing", string.Empty, async (ctx, _) =>
        {
            await ctx.CreateTimer(TimeSpan.FromMinutes(1));
            return "changed";
        });
        await h.Client.RaiseEventAsync(id, "continue", "");
        var state = await Completed(h, id);
        Assert.Equal(OrchestrationRuntimeStatus.Failed, state.RuntimeStatus);
        Assert.Equal(typeof(NonDeterministicOrchestrationException).FullName, state.FailureDetails!.ErrorType);
        Assert.Contains("step #0", state.FailureDetails.ErrorMessage, StringComparison.Ordinal);
        Assert.Contains("CallActivity 'Conformance.Echo'", state.FailureDetails.ErrorMessage, StringComparison.Ordinal);
        Assert.Contains("CreateTimer", state.FailureDetails.ErrorMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Instances_keep_their_version_and_new_ones_get_the_newest()
    {
        await using var h = await CreateHarnessAsync();
        var old = await h.Client.ScheduleNewOrchestrationAsync("Conformance.Versioned", "");
        await h.WaitForStateAsync(old, s => s.RuntimeStatus == OrchestrationRuntimeStatus.Running, "running");
        h.Registry.AddOrchestration<string, string>("Conformance.Versioned", "2", async (ctx, _) =>
        {
            await ctx.WaitForExternalEvent<string>("go");
            return "v2";
        });
        var newer = await h.Client.ScheduleNewOrchestrationAsync("Conformance.Versioned", "");
        await h.WaitForStateAsync(newer, s => s.RuntimeStatus == OrchestrationRuntimeStatus.Running, "running");
        await h.Client.RaiseEventAsync(old, "go", "");
        await h.Client.RaiseEventAsync(newer, "go", "");
        var oldState = await Completed(h, old);
        var newState = await Completed(h, newer);
        Assert.Equal(("1", "v1"), (oldState.Version, Output<string>(h, oldState)));
        Assert.Equal(("2", "v2"), (newState.Version, Output<string>(h, newState)));
    }

    [Fact]
    public async Task Unregistered_version_leaves_the_instance_untouched_with_a_reason()
    {
        await using var h = await CreateHarnessAsync();
        var id = await h.Client.ScheduleNewOrchestrationAsync("Conformance.Versioned", "", new StartOrchestrationOptions { Version = "7" });
        var state = await h.WaitForStateAsync(id, s => s.StuckReason is not null, "a stuck reason");
        Assert.Contains("Version '7'", state.StuckReason, StringComparison.Ordinal);
        Assert.Equal(OrchestrationRuntimeStatus.Pending, state.RuntimeStatus);
        Assert.Empty(await h.Client.GetHistoryAsync(id));
    }

    [Fact]
    public async Task Running_instance_whose_version_was_removed_waits_untouched_and_resumes_when_it_returns()
    {
        await using var h = await CreateHarnessAsync();
        static async Task<string> Retired(OrchestrationContext ctx, string input)
        {
            await ctx.CallActivityAsync<string>("Conformance.Echo", input);
            await ctx.WaitForExternalEvent<string>("go");
            return "v3";
        }

        h.Registry.AddOrchestration<string, string>("Conformance.Retired", "3", Retired);
        var id = await h.Client.ScheduleNewOrchestrationAsync("Conformance.Retired", "a");
        await h.WaitForHistoryAsync(id, history => history.OfType<TaskCompletedEvent>().Any(), "the activity's result");
        await h.SettleAsync();
        var before = JsonSerializer.Serialize(await h.Client.GetHistoryAsync(id));

        // A deployment drops version 3 and brings version 4: the running instance keeps version 3.
        Assert.True(h.Registry.RemoveOrchestration("Conformance.Retired", "3"));
        h.Registry.AddOrchestration<string, string>("Conformance.Retired", "4", (_, _) => Task.FromResult("v4"));
        await h.Client.RaiseEventAsync(id, "go", "");
        var stuck = await h.WaitForStateAsync(id, s => s.StuckReason is not null, "a stuck reason");
        Assert.Contains("Version '3'", stuck.StuckReason, StringComparison.Ordinal);
        Assert.Equal(OrchestrationRuntimeStatus.Running, stuck.RuntimeStatus);
        Assert.Equal(before, JsonSerializer.Serialize(await h.Client.GetHistoryAsync(id)));

        // Version 3 deployed again: the buffered event is delivered on the next retry and the instance finishes on it.
        h.Registry.AddOrchestration<string, string>("Conformance.Retired", "3", Retired);
        await h.AdvanceAsync(TimeSpan.FromMinutes(2));
        var done = await Completed(h, id);
        Assert.Equal(("3", "v3", null), (done.Version, Output<string>(h, done), done.StuckReason));
    }

    [Fact]
    public async Task Wait_for_completion_returns_the_finished_state_with_its_output()
    {
        await using var h = await CreateHarnessAsync();
        var id = await h.Client.ScheduleNewOrchestrationAsync("Conformance.Sequence", "Amina");
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var waiting = h.Client.WaitForInstanceCompletionAsync(id, getInputsAndOutputs: true, timeout.Token);
        await h.SettleAsync();
        var state = await waiting;
        Assert.Equal(OrchestrationRuntimeStatus.Completed, state.RuntimeStatus);
        Assert.Equal(["Hello, Amina 1!", "Hello, Amina 2!", "Hello, Amina 3!"], Output<string[]>(h, state));
    }

    [Fact]
    public async Task Wait_for_completion_of_an_unknown_instance_says_it_does_not_exist()
    {
        await using var h = await CreateHarnessAsync();
        var error = await Assert.ThrowsAsync<OrchestrationException>(() => h.Client.WaitForInstanceCompletionAsync("no-such-instance"));
        Assert.Equal(OrchestrationErrorCode.InstanceNotFound, error.ErrorCode);
    }

    [Fact]
    public async Task Start_with_custom_dedupe_statuses_refuses_only_those_statuses()
    {
        await using var h = await CreateHarnessAsync();
        var id = NewId("dedupe");
        await h.Client.ScheduleNewOrchestrationAsync("Conformance.Sequence", "first", new StartOrchestrationOptions { InstanceId = id });
        await Completed(h, id);

        // Completed is a dedupe status here: a second start with the id is refused and the first run stays.
        var refused = await Assert.ThrowsAsync<OrchestrationException>(() => h.Client.ScheduleNewOrchestrationAsync(
            "Conformance.Sequence", "second", new StartOrchestrationOptions { InstanceId = id, DedupeStatuses = [OrchestrationRuntimeStatus.Completed] }));
        Assert.Equal(OrchestrationErrorCode.InstanceAlreadyExists, refused.ErrorCode);
        Assert.Equal("\"first\"", (await h.Client.GetInstanceAsync(id, getInputsAndOutputs: true))!.Input);

        // With no dedupe status, even a finished instance is replaced by a new run.
        await h.Client.ScheduleNewOrchestrationAsync("Conformance.Sequence", "second", new StartOrchestrationOptions { InstanceId = id, DedupeStatuses = [] });
        var replaced = await h.WaitForStateAsync(id, s => s.Input == "\"second\"" && s.RuntimeStatus == OrchestrationRuntimeStatus.Completed, "the second run completed");
        Assert.Equal(["Hello, second 1!", "Hello, second 2!", "Hello, second 3!"], Output<string[]>(h, replaced));
    }

    [Fact]
    public async Task Status_without_payloads_leaves_input_and_output_out()
    {
        await using var h = await CreateHarnessAsync();
        var id = await h.Client.ScheduleNewOrchestrationAsync("Conformance.Sequence", "Amina");
        await Completed(h, id);
        var state = await h.Client.GetInstanceAsync(id, getInputsAndOutputs: false);
        Assert.Equal(OrchestrationRuntimeStatus.Completed, state!.RuntimeStatus);
        Assert.Null(state.Input);
        Assert.Null(state.Output);
    }

    [Fact]
    public async Task Terminate_stops_a_running_instance_with_the_reason_as_output()
    {
        await using var h = await CreateHarnessAsync();
        var id = await h.Client.ScheduleNewOrchestrationAsync("Conformance.WaitForEvents", 1);
        await CustomStatusIs(h, id, "\"waiting\"");
        await h.Client.TerminateAsync(id, "withdrawn by the requester");
        var state = await Completed(h, id);
        Assert.Equal(OrchestrationRuntimeStatus.Terminated, state.RuntimeStatus);
        Assert.Equal("withdrawn by the requester", Output<string>(h, state));
    }

    [Fact]
    public async Task Recursive_terminate_stops_running_sub_orchestrations()
    {
        await using var h = await CreateHarnessAsync();
        var childId = NewId("child");
        var id = await h.Client.ScheduleNewOrchestrationAsync("Conformance.ParentWaitingOnChild", childId);
        await h.WaitForStateAsync(childId, s => s.RuntimeStatus == OrchestrationRuntimeStatus.Running, "child running");
        await h.Client.TerminateAsync(id, "case closed", recursive: true);
        Assert.Equal(OrchestrationRuntimeStatus.Terminated, (await Completed(h, id)).RuntimeStatus);
        Assert.Equal(OrchestrationRuntimeStatus.Terminated, (await Completed(h, childId)).RuntimeStatus);
    }

    [Fact]
    public async Task Suspended_instance_keeps_events_and_runs_them_on_resume()
    {
        await using var h = await CreateHarnessAsync();
        var id = await h.Client.ScheduleNewOrchestrationAsync("Conformance.WaitForEvents", 2);
        await CustomStatusIs(h, id, "\"waiting\"");
        await h.Client.SuspendAsync(id, "investigation");
        await h.WaitForStateAsync(id, s => s.RuntimeStatus == OrchestrationRuntimeStatus.Suspended, "suspended");
        await h.Client.RaiseEventAsync(id, "Approval", "a");
        await h.Client.RaiseEventAsync(id, "Approval", "b");
        await h.SettleAsync();
        Assert.Equal(OrchestrationRuntimeStatus.Suspended, (await h.Client.GetInstanceAsync(id))!.RuntimeStatus);
        await h.Client.ResumeAsync(id, "cleared");
        Assert.Equal(["a", "b"], Output<string[]>(h, await Completed(h, id)));
    }

    [Fact]
    public async Task Restart_runs_a_finished_instance_again_under_the_same_or_a_new_id()
    {
        await using var h = await CreateHarnessAsync();
        var id = await h.Client.ScheduleNewOrchestrationAsync("Conformance.Sequence", "Lena");
        await Completed(h, id);
        var again = await h.Client.RestartAsync(id);
        Assert.Equal(id, again);
        var state = await h.WaitForStateAsync(id, s => s.RuntimeStatus == OrchestrationRuntimeStatus.Completed && s.HistoryLength > 0, "completed again");
        Assert.Equal("Hello, Lena 1!", Output<string[]>(h, state)![0]);
        var copy = await h.Client.RestartAsync(id, restartWithNewInstanceId: true);
        Assert.NotEqual(id, copy);
        Assert.Equal(OrchestrationRuntimeStatus.Completed, (await Completed(h, copy)).RuntimeStatus);
    }

    [Fact]
    public async Task Restart_of_a_running_instance_under_its_id_is_refused()
    {
        await using var h = await CreateHarnessAsync();
        var id = await h.Client.ScheduleNewOrchestrationAsync("Conformance.WaitForEvents", 1);
        var error = await Assert.ThrowsAsync<OrchestrationException>(() => h.Client.RestartAsync(id));
        Assert.Equal(OrchestrationErrorCode.InvalidInstanceState, error.ErrorCode);
    }

    [Fact]
    public async Task Start_with_an_id_in_use_is_refused_but_a_finished_one_is_replaced()
    {
        await using var h = await CreateHarnessAsync();
        var id = NewId("dedupe");
        await h.Client.ScheduleNewOrchestrationAsync("Conformance.WaitForEvents", 1, new StartOrchestrationOptions { InstanceId = id });
        var error = await Assert.ThrowsAsync<OrchestrationException>(() =>
            h.Client.ScheduleNewOrchestrationAsync("Conformance.WaitForEvents", 1, new StartOrchestrationOptions { InstanceId = id }));
        Assert.Equal(OrchestrationErrorCode.InstanceAlreadyExists, error.ErrorCode);
        await h.Client.TerminateAsync(id);
        await Completed(h, id);
        await h.Client.ScheduleNewOrchestrationAsync("Conformance.Sequence", "again", new StartOrchestrationOptions { InstanceId = id });
        var state = await h.WaitForStateAsync(id, s => s.RuntimeStatus == OrchestrationRuntimeStatus.Completed, "completed");
        Assert.Equal("Conformance.Sequence", state.Name);
    }

    [Fact]
    public async Task Scheduled_start_stays_pending_until_its_time_and_keeps_early_events()
    {
        await using var h = await CreateHarnessAsync();
        var id = await h.Client.ScheduleNewOrchestrationAsync(
            "Conformance.WaitForEvents",
            1,
            new StartOrchestrationOptions { StartAt = h.UtcNow.AddDays(3) });
        await h.Client.RaiseEventAsync(id, "Approval", "early");
        await h.SettleAsync();
        var pending = await h.Client.GetInstanceAsync(id);
        Assert.Equal(OrchestrationRuntimeStatus.Pending, pending!.RuntimeStatus);
        Assert.NotNull(pending.ScheduledStartTime);
        await h.AdvanceAsync(TimeSpan.FromDays(3) + TimeSpan.FromMinutes(1));
        Assert.Equal(["early"], Output<string[]>(h, await Completed(h, id)));
    }

    [Fact]
    public async Task SendEvent_delivers_to_another_instance()
    {
        await using var h = await CreateHarnessAsync();
        var receiver = await h.Client.ScheduleNewOrchestrationAsync("Conformance.WaitForEvents", 1);
        await h.Client.ScheduleNewOrchestrationAsync("Conformance.Sender", receiver);
        Assert.Equal(["from-sender"], Output<string[]>(h, await Completed(h, receiver)));
    }

    [Fact]
    public async Task Purge_deletes_a_finished_instance_and_its_history()
    {
        await using var h = await CreateHarnessAsync();
        var id = await h.Client.ScheduleNewOrchestrationAsync("Conformance.Sequence", "x");
        await Completed(h, id);
        Assert.Equal(1, (await h.Client.PurgeInstanceAsync(id)).InstancesDeleted);
        Assert.Null(await h.Client.GetInstanceAsync(id));
        Assert.Empty(await h.Client.GetHistoryAsync(id));
        Assert.Equal(0, (await h.Client.PurgeInstanceAsync(id)).InstancesDeleted);
    }

    [Fact]
    public async Task Purge_leaves_a_running_instance_alone()
    {
        await using var h = await CreateHarnessAsync();
        var id = await h.Client.ScheduleNewOrchestrationAsync("Conformance.WaitForEvents", 1);
        await CustomStatusIs(h, id, "\"waiting\"");
        Assert.Equal(0, (await h.Client.PurgeInstanceAsync(id)).InstancesDeleted);
        Assert.NotNull(await h.Client.GetInstanceAsync(id));
    }

    [Fact]
    public async Task Purge_by_filter_deletes_matching_finished_instances_in_pages()
    {
        await using var h = await CreateHarnessAsync();
        var prefix = NewId("purge");
        var ids = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            ids.Add(await h.Client.ScheduleNewOrchestrationAsync("Conformance.Sequence", "p", new StartOrchestrationOptions { InstanceId = $"{prefix}-{i}" }));
        }

        var running = await h.Client.ScheduleNewOrchestrationAsync("Conformance.WaitForEvents", 1, new StartOrchestrationOptions { InstanceId = $"{prefix}-live" });
        foreach (var id in ids)
        {
            await Completed(h, id);
        }

        var first = await h.Client.PurgeInstancesAsync(new PurgeFilter { InstanceIdPrefix = prefix, MaxInstances = 3 });
        Assert.Equal(3, first.InstancesDeleted);
        Assert.True(first.MoreRemaining);
        var second = await h.Client.PurgeInstancesAsync(new PurgeFilter { InstanceIdPrefix = prefix, MaxInstances = 3 });
        Assert.Equal(2, second.InstancesDeleted);
        Assert.False(second.MoreRemaining);
        Assert.NotNull(await h.Client.GetInstanceAsync(running));
    }

    [Fact]
    public async Task Query_filters_by_status_name_tags_and_prefix_and_pages_newest_first()
    {
        await using var h = await CreateHarnessAsync();
        var prefix = NewId("query");
        var tags = new Dictionary<string, string> { ["case"] = prefix };
        var done = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            done.Add(await h.Client.ScheduleNewOrchestrationAsync("Conformance.Sequence", "q", new StartOrchestrationOptions { InstanceId = $"{prefix}-done-{i}", Tags = tags }));
            await h.AdvanceAsync(TimeSpan.FromSeconds(1));
        }

        var waiting = await h.Client.ScheduleNewOrchestrationAsync("Conformance.WaitForEvents", 1, new StartOrchestrationOptions { InstanceId = $"{prefix}-waiting", Tags = tags });
        await h.Client.ScheduleNewOrchestrationAsync("Conformance.Sequence", "other", new StartOrchestrationOptions { InstanceId = $"{prefix}-untagged" });
        foreach (var id in done)
        {
            await Completed(h, id);
        }

        await CustomStatusIs(h, waiting, "\"waiting\"");

        var running = await h.Client.QueryInstancesAsync(new InstanceQuery
        {
            Tags = tags,
            RuntimeStatus = [OrchestrationRuntimeStatus.Running],
        });
        Assert.Equal([waiting], running.Instances.Select(i => i.InstanceId));

        var pages = new List<string>();
        string? token = null;
        do
        {
            var page = await h.Client.QueryInstancesAsync(new InstanceQuery
            {
                Name = "conformance.sequence",
                Tags = tags,
                RuntimeStatus = [OrchestrationRuntimeStatus.Completed],
                PageSize = 2,
                ContinuationToken = token,
            });
            Assert.True(page.Instances.Count <= 2);
            pages.AddRange(page.Instances.Select(i => i.InstanceId));
            token = page.ContinuationToken;
        }
        while (token is not null);
        Assert.Equal(Enumerable.Range(0, 5).Reverse().Select(i => $"{prefix}-done-{i}"), pages);

        var byPrefix = await h.Client.QueryInstancesAsync(new InstanceQuery { InstanceIdPrefix = $"{prefix}-un" });
        Assert.Equal([$"{prefix}-untagged"], byPrefix.Instances.Select(i => i.InstanceId));
    }

    [Fact]
    public async Task Query_filters_by_created_time_range()
    {
        await using var h = await CreateHarnessAsync();
        var prefix = NewId("range");
        var first = await h.Client.ScheduleNewOrchestrationAsync("Conformance.Sequence", "a", new StartOrchestrationOptions { InstanceId = $"{prefix}-a" });
        await h.AdvanceAsync(TimeSpan.FromHours(2));
        var from = h.UtcNow;
        var second = await h.Client.ScheduleNewOrchestrationAsync("Conformance.Sequence", "b", new StartOrchestrationOptions { InstanceId = $"{prefix}-b" });
        await Completed(h, first);
        await Completed(h, second);
        var page = await h.Client.QueryInstancesAsync(new InstanceQuery { InstanceIdPrefix = prefix, CreatedFrom = from });
        Assert.Equal([second], page.Instances.Select(i => i.InstanceId));
        var before = await h.Client.QueryInstancesAsync(new InstanceQuery { InstanceIdPrefix = prefix, CreatedTo = from });
        Assert.Equal([first], before.Instances.Select(i => i.InstanceId));
    }

    [Fact]
    public async Task Query_returns_inputs_only_when_asked()
    {
        await using var h = await CreateHarnessAsync();
        var prefix = NewId("inputs");
        var id = await h.Client.ScheduleNewOrchestrationAsync("Conformance.Sequence", "secret", new StartOrchestrationOptions { InstanceId = prefix });
        await Completed(h, id);
        var without = await h.Client.QueryInstancesAsync(new InstanceQuery { InstanceIdPrefix = prefix });
        Assert.Null(without.Instances.Single().Input);
        var with = await h.Client.QueryInstancesAsync(new InstanceQuery { InstanceIdPrefix = prefix, FetchInputsAndOutputs = true });
        Assert.Equal("\"secret\"", with.Instances.Single().Input);
        Assert.NotNull(with.Instances.Single().Output);
    }

    [Fact]
    public async Task History_starts_with_the_start_event_and_ends_with_the_completion()
    {
        await using var h = await CreateHarnessAsync();
        var id = await h.Client.ScheduleNewOrchestrationAsync("Conformance.Sequence", "h");
        await Completed(h, id);
        var history = await h.Client.GetHistoryAsync(id);
        Assert.IsType<OrchestratorStartedEvent>(history[0]);
        Assert.IsType<ExecutionStartedEvent>(history[1]);
        var completed = Assert.IsType<ExecutionCompletedEvent>(history[^1]);
        Assert.Equal(OrchestrationRuntimeStatus.Completed, completed.Status);
        Assert.Equal([0, 1, 2], history.OfType<TaskScheduledEvent>().Select(e => e.EventId));
        var json = JsonSerializer.Serialize(history, h.Client.Converter.Options);
        Assert.Contains("\"eventType\":\"TaskScheduled\"", json, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Count_equals_the_number_of_instances_the_query_lists_for_every_filter()
    {
        await using var h = await CreateHarnessAsync();
        var prefix = NewId("count");
        var ids = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            var tags = new Dictionary<string, string> { ["case"] = prefix, ["unit"] = i < 3 ? "north" : "south" };
            ids.Add(await h.Client.ScheduleNewOrchestrationAsync("Conformance.Sequence", "c", new StartOrchestrationOptions { InstanceId = $"{prefix}-done-{i}", Tags = tags }));
        }

        var waiting = await h.Client.ScheduleNewOrchestrationAsync("Conformance.WaitForEvents", 1, new StartOrchestrationOptions { InstanceId = $"{prefix}-waiting", Tags = new Dictionary<string, string> { ["case"] = prefix, ["unit"] = "north" } });
        ids.Add(await h.Client.ScheduleNewOrchestrationAsync("Conformance.Sequence", "c", new StartOrchestrationOptions { InstanceId = $"{prefix}-untagged" }));
        foreach (var id in ids)
        {
            await Completed(h, id);
        }

        await CustomStatusIs(h, waiting, "\"waiting\"");
        await h.SettleAsync();

        (InstanceQuery Query, int Expected)[] cases =
        [
            (new InstanceQuery { InstanceIdPrefix = prefix }, 7),
            (new InstanceQuery { Tags = new Dictionary<string, string> { ["case"] = prefix } }, 6),
            (new InstanceQuery { Tags = new Dictionary<string, string> { ["case"] = prefix }, Name = "conformance.sequence" }, 5),
            (new InstanceQuery { Tags = new Dictionary<string, string> { ["case"] = prefix, ["unit"] = "north" }, RuntimeStatus = [OrchestrationRuntimeStatus.Completed] }, 3),
            (new InstanceQuery { Tags = new Dictionary<string, string> { ["case"] = prefix }, RuntimeStatus = [OrchestrationRuntimeStatus.Running, OrchestrationRuntimeStatus.Suspended] }, 1),
            (new InstanceQuery { Name = "Conformance.Sequence", InstanceIdPrefix = prefix, RuntimeStatus = [OrchestrationRuntimeStatus.Failed] }, 0),
        ];
        foreach (var (query, expected) in cases)
        {
            var listed = 0;
            string? token = null;
            do
            {
                var page = await h.Client.QueryInstancesAsync(query with { PageSize = 2, ContinuationToken = token });
                listed += page.Instances.Count;
                token = page.ContinuationToken;
            }
            while (token is not null);
            Assert.Equal((expected, expected), (listed, (int)await h.Client.CountInstancesAsync(query)));
        }
    }

    [Fact]
    public async Task Count_by_name_and_status_breaks_the_total_down()
    {
        await using var h = await CreateHarnessAsync();
        var prefix = NewId("breakdown");
        var done = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            done.Add(await h.Client.ScheduleNewOrchestrationAsync("Conformance.Sequence", "b", new StartOrchestrationOptions { InstanceId = $"{prefix}-s{i}" }));
        }

        var failed = await h.Client.ScheduleNewOrchestrationAsync("Conformance.Unhandled", "boom", new StartOrchestrationOptions { InstanceId = $"{prefix}-u" });
        var waiting = await h.Client.ScheduleNewOrchestrationAsync("Conformance.WaitForEvents", 1, new StartOrchestrationOptions { InstanceId = $"{prefix}-w" });
        foreach (var id in done.Append(failed))
        {
            await Completed(h, id);
        }

        await CustomStatusIs(h, waiting, "\"waiting\"");
        await h.SettleAsync();

        var counts = await h.Client.CountInstancesAsync(new InstanceCountQuery { InstanceIdPrefix = prefix, ByName = true, ByStatus = true });

        Assert.Equal(
            [("Conformance.Sequence", OrchestrationRuntimeStatus.Completed, 3L), ("Conformance.Unhandled", OrchestrationRuntimeStatus.Failed, 1L), ("Conformance.WaitForEvents", OrchestrationRuntimeStatus.Running, 1L)],
            counts.Select(c => (c.Name, c.RuntimeStatus!.Value, c.Count)));
        Assert.All(counts, c => Assert.Null(c.BucketStart));
    }

    [Fact]
    public async Task Count_follows_an_instance_from_running_to_finished()
    {
        await using var h = await CreateHarnessAsync();
        var prefix = NewId("follow");
        var id = await h.Client.ScheduleNewOrchestrationAsync("Conformance.WaitForEvents", 1, new StartOrchestrationOptions { InstanceId = prefix });
        await CustomStatusIs(h, id, "\"waiting\"");
        await h.SettleAsync();
        var running = new InstanceQuery { InstanceIdPrefix = prefix, RuntimeStatus = [OrchestrationRuntimeStatus.Running] };
        var completed = new InstanceQuery { InstanceIdPrefix = prefix, RuntimeStatus = [OrchestrationRuntimeStatus.Completed] };
        Assert.Equal((1L, 0L), (await h.Client.CountInstancesAsync(running), await h.Client.CountInstancesAsync(completed)));

        await h.Client.RaiseEventAsync(id, "Approval", "yes");
        await Completed(h, id);
        await h.SettleAsync();

        Assert.Equal((0L, 1L), (await h.Client.CountInstancesAsync(running), await h.Client.CountInstancesAsync(completed)));
    }

    [Fact]
    public async Task Count_in_creation_time_buckets_puts_each_instance_in_the_bucket_it_was_created_in()
    {
        await using var h = await CreateHarnessAsync();
        var prefix = NewId("buckets");
        var start = h.UtcNow;
        await h.Client.ScheduleNewOrchestrationAsync("Conformance.Sequence", "a", new StartOrchestrationOptions { InstanceId = $"{prefix}-a" });
        await h.AdvanceAsync(TimeSpan.FromHours(1));
        await h.Client.ScheduleNewOrchestrationAsync("Conformance.Sequence", "b", new StartOrchestrationOptions { InstanceId = $"{prefix}-b" });
        await h.Client.ScheduleNewOrchestrationAsync("Conformance.Sequence", "c", new StartOrchestrationOptions { InstanceId = $"{prefix}-c" });
        await h.AdvanceAsync(TimeSpan.FromHours(2));
        await h.Client.ScheduleNewOrchestrationAsync("Conformance.Sequence", "d", new StartOrchestrationOptions { InstanceId = $"{prefix}-d" });
        await h.SettleAsync();

        var counts = await h.Client.CountInstancesAsync(new InstanceCountQuery
        {
            InstanceIdPrefix = prefix,
            From = start,
            To = start.AddHours(3),
            BucketSize = TimeSpan.FromHours(1),
        });

        Assert.Equal([(start, 1L), (start.AddHours(1), 2L)], counts.Select(c => (c.BucketStart!.Value, c.Count)));
    }

    [Fact]
    public async Task Count_by_completion_time_counts_finished_instances_in_the_bucket_they_finished_in()
    {
        await using var h = await CreateHarnessAsync();
        var prefix = NewId("finished");
        var start = h.UtcNow;
        var first = await h.Client.ScheduleNewOrchestrationAsync("Conformance.Sequence", "x", new StartOrchestrationOptions { InstanceId = $"{prefix}-first" });
        var later = await h.Client.ScheduleNewOrchestrationAsync("Conformance.WaitForEvents", 1, new StartOrchestrationOptions { InstanceId = $"{prefix}-later" });
        var open = await h.Client.ScheduleNewOrchestrationAsync("Conformance.WaitForEvents", 1, new StartOrchestrationOptions { InstanceId = $"{prefix}-open" });
        await Completed(h, first);
        await CustomStatusIs(h, later, "\"waiting\"");
        await CustomStatusIs(h, open, "\"waiting\"");
        await h.AdvanceAsync(TimeSpan.FromDays(1));
        await h.Client.RaiseEventAsync(later, "Approval", "yes");
        await Completed(h, later);
        await h.SettleAsync();

        var counts = await h.Client.CountInstancesAsync(new InstanceCountQuery
        {
            InstanceIdPrefix = prefix,
            TimeField = InstanceTimeField.Completed,
            From = start,
            To = start.AddDays(2),
            BucketSize = TimeSpan.FromDays(1),
            ByName = true,
        });

        Assert.Equal(
            [("Conformance.Sequence", start, 1L), ("Conformance.WaitForEvents", start.AddDays(1), 1L)],
            counts.Select(c => (c.Name, c.BucketStart!.Value, c.Count)));
    }

    [Fact]
    public async Task Count_of_several_names_leaves_the_other_names_out()
    {
        await using var h = await CreateHarnessAsync();
        var prefix = NewId("names");
        var tags = new Dictionary<string, string> { ["case"] = prefix };
        var ids = new List<string>
        {
            await h.Client.ScheduleNewOrchestrationAsync("Conformance.Sequence", "n", new StartOrchestrationOptions { InstanceId = $"{prefix}-s", Tags = tags }),
            await h.Client.ScheduleNewOrchestrationAsync("Conformance.Unhandled", "n", new StartOrchestrationOptions { InstanceId = $"{prefix}-u", Tags = tags }),
            await h.Client.ScheduleNewOrchestrationAsync("Conformance.Guids", "n", new StartOrchestrationOptions { InstanceId = $"{prefix}-g", Tags = tags }),
        };
        foreach (var id in ids)
        {
            await Completed(h, id);
        }

        await h.SettleAsync();
        string[] names = ["conformance.sequence", "Conformance.Guids"];

        var byPrefix = await h.Client.CountInstancesAsync(new InstanceCountQuery { InstanceIdPrefix = prefix, Names = names, ByName = true });
        var byTag = await h.Client.CountInstancesAsync(new InstanceCountQuery { Tags = tags, Names = names });

        Assert.Equal([("Conformance.Guids", 1L), ("Conformance.Sequence", 1L)], byPrefix.Select(c => (c.Name!, c.Count)));
        Assert.Equal(2L, Assert.Single(byTag).Count);
    }
}
