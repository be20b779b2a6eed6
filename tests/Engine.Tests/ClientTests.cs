using System.Text.Json;
using Workflows.Engine.Client;
using Workflows.Engine.History;
using Workflows.Engine.Serialization;
using Workflows.Engine.Testing;

namespace Workflows.Engine.Tests;

public sealed class ClientTests
{
    private static OrchestrationTestHost CreateHost() => OrchestrationTestHost.Create(engine => engine
        .AddOrchestration<string, string>("Known", (_, s) => Task.FromResult(s)));

    [Theory]
    [InlineData("")]
    [InlineData("has/slash")]
    [InlineData("has#hash")]
    [InlineData("has?question")]
    [InlineData("has\\backslash")]
    public async Task Start_with_an_invalid_instance_id_is_refused(string instanceId)
    {
        await using var host = CreateHost();
        var error = await Assert.ThrowsAsync<OrchestrationException>(() =>
            host.Client.ScheduleNewOrchestrationAsync("Known", "x", new StartOrchestrationOptions { InstanceId = instanceId }));
        Assert.Equal(OrchestrationErrorCode.InvalidArgument, error.ErrorCode);
    }

    [Fact]
    public async Task Start_of_an_unregistered_orchestration_is_refused()
    {
        await using var host = CreateHost();
        var error = await Assert.ThrowsAsync<OrchestrationException>(() => host.Client.ScheduleNewOrchestrationAsync("Unknown"));
        Assert.Equal(OrchestrationErrorCode.NotRegistered, error.ErrorCode);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1001)]
    public async Task Query_with_an_out_of_range_page_size_is_refused(int pageSize)
    {
        await using var host = CreateHost();
        var error = await Assert.ThrowsAsync<OrchestrationException>(() => host.Client.QueryInstancesAsync(new InstanceQuery { PageSize = pageSize }));
        Assert.Equal(OrchestrationErrorCode.InvalidArgument, error.ErrorCode);
    }

    [Fact]
    public async Task Purge_by_filter_refuses_live_statuses()
    {
        await using var host = CreateHost();
        await Assert.ThrowsAsync<OrchestrationException>(() =>
            host.Client.PurgeInstancesAsync(new PurgeFilter { RuntimeStatus = [OrchestrationRuntimeStatus.Running] }));
    }

    [Fact]
    public async Task Tags_are_stored_and_visible_to_the_orchestration()
    {
        await using var host = OrchestrationTestHost.Create(engine => engine
            .AddOrchestration<string, string>("Tagged", (ctx, _) => Task.FromResult(ctx.Tags["caseId"])));
        var id = await host.StartAsync("Tagged", null, new StartOrchestrationOptions { Tags = new Dictionary<string, string> { ["caseId"] = "CASE-1" } });

        Assert.Equal("CASE-1", await host.GetOutputAsync<string>(id));
        Assert.Equal("CASE-1", (await host.GetStateAsync(id)).Tags["caseId"]);
    }

    [Fact]
    public void History_round_trips_through_json_with_failure_details()
    {
        var failure = new FailureDetails("System.IO.IOException", "disk", "at X", new FailureDetails("Inner", "cause"));
        HistoryEvent[] history =
        [
            new OrchestratorStartedEvent { Timestamp = DateTimeOffset.UnixEpoch },
            new ExecutionStartedEvent { Name = "N", InstanceId = "i", ExecutionId = "e", Input = "\"x\"", Tags = new Dictionary<string, string> { ["a"] = "b" } },
            new TaskFailedEvent { TaskScheduledId = 0, FailureDetails = failure },
            new ExecutionCompletedEvent { Status = OrchestrationRuntimeStatus.Failed, FailureDetails = failure },
        ];
        var json = JsonSerializer.Serialize(history, DataConverter.Default.Options);
        var back = JsonSerializer.Deserialize<HistoryEvent[]>(json, DataConverter.Default.Options)!;

        // Record equality: type, message, stack trace and the inner failure all survive.
        Assert.Equal(failure, ((TaskFailedEvent)back[2]).FailureDetails);
        Assert.Equal("at X", ((TaskFailedEvent)back[2]).FailureDetails.StackTrace);
        Assert.Equal(failure, ((ExecutionCompletedEvent)back[3]).FailureDetails);
        Assert.Equal(OrchestrationRuntimeStatus.Failed, ((ExecutionCompletedEvent)back[3]).Status);
        Assert.Equal("b", ((ExecutionStartedEvent)back[1]).Tags!["a"]);
    }

    [Fact]
    public async Task Serializer_options_are_configurable()
    {
        await using var host = OrchestrationTestHost.Create(engine => engine
            .Configure(o => o.SerializerOptions = new JsonSerializerOptions { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower })
            .AddOrchestration<string, Payload>("Shaped", (_, _) => Task.FromResult(new Payload("x"))));
        var id = await host.StartAsync("Shaped");

        Assert.Equal("{\"release_date\":\"x\"}", (await host.GetStateAsync(id)).Output);
    }

    public sealed record Payload(string ReleaseDate);
}
